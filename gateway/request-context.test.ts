import type { IncomingMessage } from 'node:http';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Principal } from './authentication/principal.js';
import { caseOfOperation, contextFromRequest } from './request-context.js';

function operationOf(source: string): OperationDefinitionNode {
  const [definition] = parse(source).definitions;
  if (definition?.kind !== Kind.OPERATION_DEFINITION) throw new Error('not an operation');
  return definition;
}

const caseOf = (source: string, variables?: Record<string, unknown>) => caseOfOperation(operationOf(source), variables);

describe('caseOfOperation', () => {
  it('takes the id of a lone application(id:) given literally', () => {
    expect(caseOf('{ application(id: "APP-0000001") { id } }')).toBe('APP-0000001');
  });

  it('takes the id from a variable, or from its default value', () => {
    expect(caseOf('query ($id: ID!) { application(id: $id) { id } }', { id: 'APP-0000002' })).toBe('APP-0000002');
    expect(caseOf('query ($id: ID! = "APP-0000003") { application(id: $id) { id } }', {})).toBe('APP-0000003');
    expect(caseOf('query ($id: ID! = "APP-0000003") { application(id: $id) { id } }', { id: 'APP-0000004' })).toBe('APP-0000004');
  });

  it('accepts several root fields naming the same application, and __typename', () => {
    expect(caseOf('{ __typename a: application(id: "APP-0000001") { id } b: application(id: "APP-0000001") { status } }')).toBe(
      'APP-0000001',
    );
  });

  it('finds no case when the operation is about several applications or other things', () => {
    expect(caseOf('{ a: application(id: "APP-0000001") { id } b: application(id: "APP-0000002") { id } }')).toBeNull();
    expect(caseOf('{ application(id: "APP-0000001") { id } employer(businessId: "0245437-2") { businessId } }')).toBeNull();
    expect(caseOf('{ applications(ids: ["APP-0000001"]) { id } }')).toBeNull();
    expect(caseOf('{ __typename }')).toBeNull();
    expect(caseOf('{ ...Case } fragment Case on Query { application(id: "APP-0000001") { id } }')).toBeNull();
    expect(caseOf('query ($id: ID!) { application(id: $id) { id } }', {})).toBeNull();
    expect(caseOf('mutation { application(id: "APP-0000001") { id } }')).toBeNull();
  });

  it('finds no case in an id that is not a well-formed application id', () => {
    expect(caseOf('{ application(id: "APP-1") { id } }')).toBeNull();
    expect(caseOf('query ($id: ID!) { application(id: $id) { id } }', { id: 'APP-0000001\r\nX-Evil: 1' })).toBeNull();
    expect(caseOf('query ($id: ID!) { application(id: $id) { id } }', { id: 7 })).toBeNull();
  });
});

describe('contextFromRequest', () => {
  const requestWith = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
  const outcome = () => ({ operationName: null, errorCodes: [] as string[] });
  const principal: Principal = {
    userId: 'kaisa.virtanen',
    organisation: null,
    unit: 'HEL-1',
    roles: ['case-worker'],
    rights: new Set(['case:read']),
    rightsKey: 'case:read',
    displayName: null,
  };

  it('takes the caller from the verified principal and a well-formed case from x-case-id', () => {
    const context = contextFromRequest(requestWith({ 'x-case-id': 'APP-0000005' }), 'req-1', outcome(), principal);
    expect(context).toMatchObject({ requestId: 'req-1', principal, caseId: 'APP-0000005', caseSource: 'header' });
  });

  it('leaves the case to the operation when x-case-id is malformed', () => {
    expect(contextFromRequest(requestWith({ 'x-case-id': 'whatever' }), 'req-2', outcome(), principal).caseId).toBeNull();
  });

  it('never reads a caller from a header', () => {
    const context = contextFromRequest(requestWith({ 'x-user-id': 'someone.else' }), 'req-3', outcome(), principal);
    expect(context.principal.userId).toBe('kaisa.virtanen');
  });
});
