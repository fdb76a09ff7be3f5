/**
 * Puts the variables of the project's database and bucket (provided by test/setup/globalSetup.ts)
 * in `process.env` before each test file loads: the demo config reads them when it is imported,
 * and the worker processes the tests spawn inherit them.
 */
import { inject } from 'vitest'

Object.assign(process.env, inject('testEnv'))
