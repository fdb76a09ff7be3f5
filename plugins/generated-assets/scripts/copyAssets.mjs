// Copies the non-TypeScript files under src/ (stylesheets) next to the compiled output (argument, default dist/).
import { cp, readdir } from 'node:fs/promises'
import path from 'node:path'

const outDir = process.argv[2] ?? 'dist'

const copy = async (directory) => {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const source = path.join(directory, entry.name)
    if (entry.isDirectory()) {
      await copy(source)
    } else if (entry.name.endsWith('.css')) {
      await cp(source, path.join(outDir, path.relative('src', source)))
    }
  }
}
await copy('src')
