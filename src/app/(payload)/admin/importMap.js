import { GenerateIntoField as GenerateIntoField_03bfeaa95ee60ff09806459b18af4668 } from 'payload-plugin-generated-assets/client'
import { AssetErrorField as AssetErrorField_03bfeaa95ee60ff09806459b18af4668 } from 'payload-plugin-generated-assets/client'
import { AssetEditView as AssetEditView_03bfeaa95ee60ff09806459b18af4668 } from 'payload-plugin-generated-assets/client'
import { GalleryView as GalleryView_6e8f7474f894fb31b5fc267a1be648f0 } from 'payload-plugin-generated-assets/rsc'
import { S3ClientUploadHandler as S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24 } from '@payloadcms/storage-s3/client'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "payload-plugin-generated-assets/client#GenerateIntoField": GenerateIntoField_03bfeaa95ee60ff09806459b18af4668,
  "payload-plugin-generated-assets/client#AssetErrorField": AssetErrorField_03bfeaa95ee60ff09806459b18af4668,
  "payload-plugin-generated-assets/client#AssetEditView": AssetEditView_03bfeaa95ee60ff09806459b18af4668,
  "payload-plugin-generated-assets/rsc#GalleryView": GalleryView_6e8f7474f894fb31b5fc267a1be648f0,
  "@payloadcms/storage-s3/client#S3ClientUploadHandler": S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
