import * as migration_20261203_102007_initial from './20261203_102007_initial';
import * as migration_20261203_105620_storage_prefix from './20261203_105620_storage_prefix';
import * as migration_20261204_020340_variations_and_alt from './20261204_020340_variations_and_alt';
import * as migration_20261204_021736_demo_posts_media from './20261204_021736_demo_posts_media';
import * as migration_20261204_231056_boards from './20261204_231056_boards';
import * as migration_20261204_234733_c2pa_signing from './20261204_234733_c2pa_signing';
import * as migration_20261205_003231_presets_and_import_provenance from './20261205_003231_presets_and_import_provenance';

export const migrations = [
  {
    up: migration_20261203_102007_initial.up,
    down: migration_20261203_102007_initial.down,
    name: '20261203_102007_initial',
  },
  {
    up: migration_20261203_105620_storage_prefix.up,
    down: migration_20261203_105620_storage_prefix.down,
    name: '20261203_105620_storage_prefix',
  },
  {
    up: migration_20261204_020340_variations_and_alt.up,
    down: migration_20261204_020340_variations_and_alt.down,
    name: '20261204_020340_variations_and_alt',
  },
  {
    up: migration_20261204_021736_demo_posts_media.up,
    down: migration_20261204_021736_demo_posts_media.down,
    name: '20261204_021736_demo_posts_media',
  },
  {
    up: migration_20261204_231056_boards.up,
    down: migration_20261204_231056_boards.down,
    name: '20261204_231056_boards',
  },
  {
    up: migration_20261204_234733_c2pa_signing.up,
    down: migration_20261204_234733_c2pa_signing.down,
    name: '20261204_234733_c2pa_signing',
  },
  {
    up: migration_20261205_003231_presets_and_import_provenance.up,
    down: migration_20261205_003231_presets_and_import_provenance.down,
    name: '20261205_003231_presets_and_import_provenance'
  },
];
