import { describe, expect, it } from 'vitest';
import { CASE_SORT_KEY } from '../lib/platform/table-design.js';
import { INTEGRATOR_SCOPES } from '../lib/settings/access.js';
import { EVENTS_OUT } from '../lib/settings/people.js';
import { FUNCTIONS, isOpenRoute, routeKeyOf, routeScopesOf, type Trigger } from './wiring.js';

type HttpTrigger = Extract<Trigger, { kind: 'http' }>;

const routes = FUNCTIONS.map(({ trigger }) => trigger).filter(
  (trigger): trigger is HttpTrigger => trigger.kind === 'http',
);
const guarded = routes.filter((route) => !isOpenRoute(route));

describe('route scopes', () => {
  it.each(guarded.map((route) => [routeKeyOf(route), route]))(
    'names a scope an integrator credential can hold for %s',
    (_, route) => {
      expect('scope' in route ? route.scope : undefined).toBeOneOf([...INTEGRATOR_SCOPES]);
    },
  );

  it('hands the authorizers the scope of every guarded route, and of no open one', () => {
    const scopes = routeScopesOf(FUNCTIONS);

    expect(Object.keys(scopes).sort()).toEqual(guarded.map(routeKeyOf).sort());
    for (const route of routes.filter((open) => isOpenRoute(open))) {
      expect(scopes).not.toHaveProperty(routeKeyOf(route));
    }
  });

  it('gives each route the scope of what it does', () => {
    expect(routeScopesOf(FUNCTIONS)).toEqual({
      'POST /interactions': 'interactions:send',
      'POST /interactions/{interactionId}/reopen': 'interactions:send',
      'GET /invitations/{interactionId}': 'invitations:read',
      'GET /responses': 'invitations:read',
      'POST /invitations/{interactionId}/release': 'answers:release',
      'GET /cases': 'cases:work',
      'GET /cases/stats': 'cases:work',
      'GET /cases/{caseId}': 'cases:work',
      'POST /cases/{caseId}/acknowledge': 'cases:work',
      'POST /cases/{caseId}/resolve': 'cases:work',
      'POST /cases/{caseId}/assign': 'cases:work',
      'POST /cases/{caseId}/notes': 'cases:work',
      'POST /cases/{caseId}/reopen': 'cases:work',
      'GET /metrics': 'cases:work',
      'GET /metrics/trend': 'cases:work',
      'GET /metrics/breakdown': 'cases:work',
      'GET /metrics/funnel': 'cases:work',
      'GET /metrics/topics': 'cases:work',
      'POST /people/erase': 'people:manage',
      'GET /people/export': 'people:manage',
    });
  });
});

describe('events out', () => {
  const reactor = FUNCTIONS.find((spec) => spec.name === 'react-to-answers');

  it('lets the reactor alone put events on the bus', () => {
    expect(FUNCTIONS.filter((spec) => spec.uses.eventBus).map((spec) => spec.name)).toEqual([
      'react-to-answers',
    ]);
  });

  it("feeds the reactor the cases' records, and hands it what the stage's events carry", () => {
    const filters = reactor?.trigger.kind === 'stream' ? reactor.trigger.filters : [];

    expect(filters).toContainEqual({ dynamodb: { Keys: { sk: { S: [CASE_SORT_KEY] } } } });
    expect(reactor?.settings).toContain(EVENTS_OUT);
  });

  it('keeps ledger writes under the invitation, where the reactor may claim, mark and give back', () => {
    const table = reactor?.uses.table;

    expect(table?.partitions).toContain('invitation');
    expect(table?.actions).toEqual(expect.arrayContaining(['PutItem', 'UpdateItem', 'DeleteItem']));
  });
});

describe('stream readers', () => {
  const streamTriggers = FUNCTIONS.flatMap((spec) => (spec.trigger.kind === 'stream' ? [spec.trigger] : []));

  it('take at most the ten batches a shard Lambda allows, and one when a shard fences (a tumbling window)', () => {
    for (const trigger of streamTriggers) {
      const factor = trigger.parallelizationFactor ?? 1;
      expect(factor).toBeGreaterThanOrEqual(1);
      expect(factor).toBeLessThanOrEqual(10);
      if (trigger.tumblingWindowSeconds) expect(factor).toBe(1);
    }
  });
});
