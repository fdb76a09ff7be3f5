/**
 * Files with provenance metadata, made in the test: XMP packets with IPTC properties, PNGs and
 * JPEGs carrying them (well formed or corrupt), and images with a C2PA manifest signed by a
 * throw-away ES256 key and certificate chain (a CA and a signing certificate that meets C2PA 2.1
 * §14.5: digitalSignature key usage, emailProtection extended key usage), made with
 * `@trustnxt/c2pa-ts` and `@peculiar/x509` (which the plugin's C2PA reader depends on).
 */
import * as x509 from '@peculiar/x509'
import { JPEG, PNG } from '@trustnxt/c2pa-ts/asset'
import { CoseAlgorithmIdentifier, LocalSigner } from '@trustnxt/c2pa-ts/cose'
import { ActionAssertion, DataHashAssertion, ManifestStore } from '@trustnxt/c2pa-ts/manifest'
import { webcrypto } from 'node:crypto'
import { crc32 } from 'node:zlib'
import sharp from 'sharp'

export const TRAINED = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia'
export const DIGITAL_CAPTURE = 'http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture'

/** A PNG chunk (PNG specification, 5.3): length, type, data, CRC-32 of type and data. */
export const pngChunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typed))
  return Buffer.concat([length, typed, crc])
}

/** A plain image made by sharp. */
export const plainImage = (format: 'jpeg' | 'png', { height = 600, width = 800 } = {}) =>
  sharp({ create: { background: '#3a6', channels: 3, height, width } })[format]().toBuffer()

/** An XMP packet (XMP Specification Part 1, 7.3) with IPTC Photo Metadata properties and xmp:CreateDate. */
export const xmpPacket = ({
  aiSystemUsed,
  createDate,
  digitalSourceType,
}: {
  aiSystemUsed?: string
  createDate?: string
  digitalSourceType?: string
}) =>
  '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>' +
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"' +
  (digitalSourceType ? ` Iptc4xmpExt:DigitalSourceType="${digitalSourceType}"` : '') +
  (aiSystemUsed ? ` Iptc4xmpExt:AISystemUsed="${aiSystemUsed}"` : '') +
  (createDate ? ` xmp:CreateDate="${createDate}"` : '') +
  '/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'

/** A PNG with `xmp` in an `iTXt` chunk keyed `XML:com.adobe.xmp` (XMP Specification Part 3, 1.1.5), right after IHDR. */
export const pngWithXmp = (png: Buffer, xmp: string, { corruptCRC = false } = {}) => {
  const chunk = pngChunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), Buffer.from(xmp)]))
  if (corruptCRC) chunk[chunk.length - 1]! ^= 0xff
  // Signature (8 bytes) and IHDR (25 bytes) first.
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)])
}

/** A JPEG with an APP`n` segment holding `body` right after SOI (ITU T.81, B.2.4.6: length counts itself, not the marker). */
export const jpegWithSegment = (jpeg: Buffer, app: number, body: Buffer) => {
  const header = Buffer.from([0xff, 0xe0 + app, 0, 0])
  header.writeUInt16BE(body.length + 2, 2)
  return Buffer.concat([jpeg.subarray(0, 2), header, body, jpeg.subarray(2)])
}

/** A JPEG whose APP1 XMP packet is cut off mid-element (XMP Specification Part 3, 1.1.3: namespace, then the packet). */
export const jpegWithTruncatedXmp = async () =>
  jpegWithSegment(
    await plainImage('jpeg'),
    1,
    Buffer.from(`http://ns.adobe.com/xap/1.0/\0${xmpPacket({ digitalSourceType: TRAINED }).slice(0, 180)}`),
  )

/**
 * A JPEG with an APP11 segment starting a JUMBF superbox (ISO/IEC 19566-5; the JPEG carriage is
 * ISO/IEC 18477-3's `JP` common identifier, box instance and packet sequence numbers) that
 * declares far more bytes than the segment holds: a truncated C2PA manifest store.
 */
export const jpegWithTruncatedJumbf = async () => {
  const description = Buffer.concat([
    Buffer.from([0, 0, 0, 0x1e]),
    Buffer.from('jumd', 'latin1'),
    Buffer.from('6332706100110010800000aa00389b71', 'hex'),
    Buffer.from([3]),
    Buffer.from('c2pa\0', 'latin1'),
  ])
  const superBox = Buffer.concat([Buffer.from([0, 0, 0x10, 0]), Buffer.from('jumb', 'latin1'), description])
  return jpegWithSegment(await plainImage('jpeg'), 11, Buffer.concat([Buffer.from('JP\0\x01\0\0\0\x01', 'latin1'), superBox]))
}

const ALGORITHM = { hash: 'SHA-256', name: 'ECDSA', namedCurve: 'P-256' }

/** A signer of a fresh ES256 key, its certificate issued by a fresh CA (C2PA forbids self-signed signing certificates). */
export const createTestSigner = async ({ name = 'Test Provider' } = {}) => {
  x509.cryptoProvider.set(webcrypto as Crypto)
  const caKeys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])
  const notBefore = new Date(Date.now() - 86_400_000)
  const notAfter = new Date(Date.now() + 30 * 86_400_000)
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
    keys: caKeys,
    name: `CN=${name} Test CA`,
    notAfter,
    notBefore,
    serialNumber: '01',
    signingAlgorithm: ALGORITHM,
  })
  const certificate = await x509.X509CertificateGenerator.create({
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.emailProtection], true),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
    issuer: ca.subject,
    notAfter,
    notBefore,
    publicKey: keys.publicKey,
    serialNumber: '02',
    signingAlgorithm: ALGORITHM,
    signingKey: caKeys.privateKey,
    subject: `CN=${name}, O=${name}`,
  })
  const privateKey = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey))
  return new LocalSigner(privateKey, CoseAlgorithmIdentifier.ES256, certificate, [ca])
}

/**
 * An image with a C2PA manifest (C2PA 2.1: a `c2pa.hash.data` hard binding over the file and a
 * `c2pa.actions.v2` assertion whose `c2pa.created` action names the digital source type and the
 * software agent), signed by `signer`.
 */
export const signImage = async ({
  data,
  digitalSourceType = TRAINED,
  signer,
  softwareAgent = 'Test Model 1',
}: {
  data: Buffer
  digitalSourceType?: string
  signer: LocalSigner
  softwareAgent?: string
}): Promise<Buffer> => {
  const asset = PNG.canRead(data) ? new PNG(data) : new JPEG(data)
  const store = new ManifestStore()
  const manifest = store.createManifest({
    assetFormat: asset.mimeType,
    defaultHashAlgorithm: 'SHA-256',
    instanceID: `xmp:iid:${crypto.randomUUID()}`,
    signer,
  })
  const hash = DataHashAssertion.create('SHA-256')
  manifest.addAssertion(hash)
  const actions = new ActionAssertion()
  actions.actions = [{ action: 'c2pa.created', digitalSourceType, softwareAgent: { name: softwareAgent } } as never]
  manifest.addAssertion(actions)
  await asset.ensureManifestSpace(store.measureSize())
  await hash.updateWithAsset(asset)
  await manifest.sign(signer)
  await asset.writeManifestJUMBF(store.getBytes())
  return Buffer.from(await asset.getDataRange())
}

/**
 * The signed image with one byte of its claim signature changed (the COSE signature sits at the
 * end of the manifest store, just before its padding): the claim no longer validates
 * (`claimSignature.mismatch`), the pixels and the hard binding are as they were. In a PNG the
 * `caBX` chunk's CRC no longer matches either (ExifTool's `-validate` says so).
 */
export const breakSignature = (signed: Buffer): Buffer => {
  const asset = PNG.canRead(signed) ? new PNG(signed) : new JPEG(signed)
  const store = Buffer.from(asset.getManifestJUMBF()!)
  const broken = Buffer.from(signed)
  const at = signed.indexOf(store) + store.length - 20
  broken[at]! ^= 0xff
  return broken
}
