export { GalleryView } from '../components/Gallery/index.js'
