import * as migration_20261121_084004_initial from './20261121_084004_initial';
import * as migration_20261121_090932_gallery_search from './20261121_090932_gallery_search';
import * as migration_20261121_105559_trash_purge_schedule from './20261121_105559_trash_purge_schedule';
import * as migration_20261121_121324_user_roles from './20261121_121324_user_roles';
import * as migration_20261203_095549_storage_prefix from './20261203_095549_storage_prefix';
import * as migration_20261204_020340_variations_and_alt from './20261204_020340_variations_and_alt';
import * as migration_20261204_021736_demo_posts_media from './20261204_021736_demo_posts_media';
import * as migration_20261204_231056_boards from './20261204_231056_boards';
import * as migration_20261204_234734_c2pa_signing from './20261204_234734_c2pa_signing';
import * as migration_20261205_003232_presets_and_import_provenance from './20261205_003232_presets_and_import_provenance';

export const migrations = [
  {
    up: migration_20261121_084004_initial.up,
    down: migration_20261121_084004_initial.down,
    name: '20261121_084004_initial',
  },
  {
    up: migration_20261121_090932_gallery_search.up,
    down: migration_20261121_090932_gallery_search.down,
    name: '20261121_090932_gallery_search',
  },
  {
    up: migration_20261121_105559_trash_purge_schedule.up,
    down: migration_20261121_105559_trash_purge_schedule.down,
    name: '20261121_105559_trash_purge_schedule',
  },
  {
    up: migration_20261121_121324_user_roles.up,
    down: migration_20261121_121324_user_roles.down,
    name: '20261121_121324_user_roles',
  },
  {
    up: migration_20261203_095549_storage_prefix.up,
    down: migration_20261203_095549_storage_prefix.down,
    name: '20261203_095549_storage_prefix',
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
    up: migration_20261204_234734_c2pa_signing.up,
    down: migration_20261204_234734_c2pa_signing.down,
    name: '20261204_234734_c2pa_signing',
  },
  {
    up: migration_20261205_003232_presets_and_import_provenance.up,
    down: migration_20261205_003232_presets_and_import_provenance.down,
    name: '20261205_003232_presets_and_import_provenance'
  },
];
