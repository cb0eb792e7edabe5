import {
  KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
// kafkajs builds its protocol errors from the broker's error code with this table
// (typed in ./kafkajs-error-table.d.ts).
import { createErrorFromCode } from 'kafkajs/src/protocol/error';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { ContractViolation } from '@herald/contracts';
import { PermanentFailure, classifyFailure } from './failure-class';

/** A PostgreSQL error as pg raises it, wrapped by TypeORM as the stores see it. */
function postgres(code: string, message = `error ${code}`): Error {
  const error = new DatabaseError(message, 0, 'error');
  error.code = code;
  return new QueryFailedError('SELECT 1', [], error);
}

const kafkaProtocol = (code: number) => new KafkaJSProtocolError(createErrorFromCode(code));

const kindOf = (error: unknown) => {
  const failure = classifyFailure(error);
  return failure.kind === 'permanent' ? `permanent:${failure.reason}` : failure.kind;
};

describe('classifyFailure', () => {
  it.each([
    ['22021 invalid byte sequence (NUL in text)', postgres('22021'), 'permanent:data_error'],
    [
      '22P05 untranslatable character (\\u0000 in jsonb)',
      postgres('22P05'),
      'permanent:data_error',
    ],
    ['22P02 invalid JSON (lone surrogate)', postgres('22P02'), 'permanent:data_error'],
    ['23514 check violation', postgres('23514'), 'permanent:constraint_violation'],
    ['23502 not-null violation', postgres('23502'), 'permanent:constraint_violation'],
    ['54001 stack depth limit exceeded', postgres('54001'), 'permanent:limit_exceeded'],
    ['08006 connection failure', postgres('08006'), 'transient'],
    ['53300 too many connections', postgres('53300'), 'transient'],
    ['57P01 admin shutdown', postgres('57P01'), 'transient'],
    ['57P03 cannot connect now', postgres('57P03'), 'transient'],
    ['40001 serialization failure', postgres('40001'), 'transient'],
    ['40P01 deadlock', postgres('40P01'), 'transient'],
    ['23505 unique violation (a bug, not the message)', postgres('23505'), 'unknown'],
    ['42P01 undefined table', postgres('42P01'), 'unknown'],
  ])('PostgreSQL %s', (_name, error, kind) => {
    expect(kindOf(error)).toBe(kind);
  });

  it('tells node and pg connection errors as transient', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    expect(kindOf(refused)).toBe('transient');
    expect(kindOf(new Error('Connection terminated unexpectedly'))).toBe('transient');
    expect(kindOf(new Error('timeout exceeded when trying to connect'))).toBe('transient');
  });

  it('tells Kafka errors by their type, through the retries wrapper', () => {
    expect(kindOf(kafkaProtocol(10))).toBe('permanent:too_large'); // MESSAGE_TOO_LARGE
    expect(kindOf(kafkaProtocol(18))).toBe('permanent:too_large'); // RECORD_LIST_TOO_LARGE
    expect(kindOf(kafkaProtocol(87))).toBe('permanent:contract_violation'); // INVALID_RECORD
    expect(kindOf(kafkaProtocol(6))).toBe('transient'); // NOT_LEADER_FOR_PARTITION
    expect(kindOf(new KafkaJSConnectionError('Connection error: ECONNREFUSED'))).toBe('transient');
    const exhausted = new KafkaJSNumberOfRetriesExceeded(kafkaProtocol(10), {
      retryCount: 5,
      retryTime: 100,
    });
    expect(kindOf(exhausted)).toBe('permanent:too_large');
    const lostBroker = new KafkaJSNumberOfRetriesExceeded(
      new KafkaJSConnectionError('Connection timeout'),
      { retryCount: 5, retryTime: 100 },
    );
    expect(kindOf(lostBroker)).toBe('transient');
  });

  it('tells undecodable and invalid messages as permanent', () => {
    let syntax: unknown;
    try {
      JSON.parse('{"oops');
    } catch (error) {
      syntax = error;
    }
    expect(kindOf(syntax)).toBe('permanent:undecodable');
    expect(kindOf(new ContractViolation([{ field: 'id', message: 'is required' }]))).toBe(
      'permanent:contract_violation',
    );
    expect(kindOf(new PermanentFailure('too_large', 'a 2 MB job'))).toBe('permanent:too_large');
    let overflow: unknown;
    const recurse = (n: number): number => recurse(n + 1) + 1;
    try {
      recurse(0);
    } catch (error) {
      overflow = error;
    }
    expect(kindOf(overflow)).toBe('permanent:limit_exceeded');
  });

  it('leaves anything else unknown (retried, up to the bound)', () => {
    expect(kindOf(new Error('something odd'))).toBe('unknown');
    expect(kindOf(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      'unknown',
    );
    expect(kindOf('a string')).toBe('unknown');
  });
});
