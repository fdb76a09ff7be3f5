import * as migration_20261203_102007_initial from './20261203_102007_initial';

export const migrations = [
  {
    up: migration_20261203_102007_initial.up,
    down: migration_20261203_102007_initial.down,
    name: '20261203_102007_initial'
  },
];
