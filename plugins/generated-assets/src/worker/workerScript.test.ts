import { describe, expect, it } from 'vitest'

import { parseWorkerArgs, WORKER_HELP } from './workerScript.js'

describe('parseWorkerArgs', () => {
  it('reads every flag, with the script name Payload leaves in argv', () => {
    expect(
      parseWorkerArgs({
        args: ['generated-assets:worker', '--concurrency', '2', '--poll-interval=0.5', '--queue', 'q', '--stale-job-timeout', '90'],
      }),
    ).toEqual({ concurrency: 2, help: false, pollInterval: 0.5, queue: 'q', staleJobTimeout: 90 })
  })

  it("leaves what is not given to runWorker's defaults", () => {
    expect(parseWorkerArgs({ args: ['generated-assets:worker'] })).toEqual({
      concurrency: undefined,
      help: false,
      pollInterval: undefined,
      queue: undefined,
      staleJobTimeout: undefined,
    })
  })

  it('asks for the help with --help or -h, which names every flag', () => {
    expect(parseWorkerArgs({ args: ['generated-assets:worker', '--help'] })).toEqual({ help: true })
    expect(parseWorkerArgs({ args: ['-h'] })).toEqual({ help: true })
    for (const flag of ['--concurrency', '--poll-interval', '--queue', '--stale-job-timeout', '--help']) {
      expect(WORKER_HELP).toContain(flag)
    }
  })

  it('refuses unknown flags, missing values, stray arguments and values that are not positive numbers', () => {
    const parse = (...args: string[]) => () => parseWorkerArgs({ args: ['generated-assets:worker', ...args] })
    expect(parse('--concurency', '2')).toThrow(/Unknown option '--concurency'/)
    expect(parse('--queue')).toThrow(/argument missing/)
    expect(parse('--concurrency', '-1')).toThrow(/argument is ambiguous/)
    expect(parse('extra')).toThrow(/Unexpected argument "extra"/)
    expect(parse('--queue=')).toThrow(/--queue must not be empty/)
    for (const value of ['0', '-1', '1.5', 'four', '']) {
      expect(parse(`--concurrency=${value}`)).toThrow(/--concurrency must be a positive whole number/)
    }
    for (const value of ['0', '-2', 'NaN', 'Infinity']) {
      expect(parse(`--poll-interval=${value}`)).toThrow(/--poll-interval must be a positive number/)
      expect(parse(`--stale-job-timeout=${value}`)).toThrow(/--stale-job-timeout must be a positive number/)
    }
  })
})
