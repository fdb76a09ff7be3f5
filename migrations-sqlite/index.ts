import * as migration_20261203_102007_initial from './20261203_102007_initial';
import * as migration_20261203_105620_storage_prefix from './20261203_105620_storage_prefix';
import * as migration_20261204_020340_variations_and_alt from './20261204_020340_variations_and_alt';
import * as migration_20261204_021736_demo_posts_media from './20261204_021736_demo_posts_media';
import * as migration_20261204_231127_presets from './20261204_231127_presets';

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
    up: migration_20261204_231127_presets.up,
    down: migration_20261204_231127_presets.down,
    name: '20261204_231127_presets'
  },
];
