import { describe, expect, it } from 'vitest';
import { CATALOG, catalogService } from '../../src/core/catalog.ts';
import manifest from '../../manifest.json' with { type: 'json' };
import { BUNDLED_RULE_PACK, isPackAtLeastAsNew, rulePackVersion, rulesForService } from '../../src/core/rules/pack.ts';
import { ruleIdsOf, validateRulePack, type RulePack } from '../../src/core/rules/schema.ts';
import { normaliseText } from '../../src/core/rules/text.ts';

const clone = (): RulePack => structuredClone(BUNDLED_RULE_PACK);

describe('bundled rule pack', () => {
  it('validates against the rule pack schema', () => {
    const result = validateRulePack(BUNDLED_RULE_PACK);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('has exactly one entry per catalog service', () => {
    expect(BUNDLED_RULE_PACK.services.map((s) => s.service).sort()).toEqual(CATALOG.map((s) => s.id).sort());
    for (const service of CATALOG) expect(rulesForService(BUNDLED_RULE_PACK, service.id)?.service).toBe(service.id);
  });

  it('gives every service banner texts in English (and Bengali for the first wave), a feed rule, logout rules and a 2-minute threshold', () => {
    for (const rules of BUNDLED_RULE_PACK.services) {
      const languages = new Set(rules.banner.flatMap((m) => Object.keys(m.texts ?? {})));
      expect(languages, rules.service).toContain('en');
      // docs/detection.md: English and Bengali for the six first-wave services; a later service speaks the languages its site has.
      if (!catalogService(rules.service)?.optionalPermission) expect(languages, rules.service).toContain('bn');
      expect(rules.feedStalled.matchers.length + (rules.feedStalled.emptyFeed ? 1 : 0), rules.service).toBeGreaterThan(0);
      expect(rules.logout, rules.service).toBeDefined();
      expect(rules.threshold.windowMs).toBe(120_000);
      expect(rules.userContentSelectors.length, rules.service).toBeGreaterThan(0);
    }
  });

  it('writes Bengali patterns in Bengali script', () => {
    for (const rules of BUNDLED_RULE_PACK.services) {
      const matchers = [...rules.banner, ...rules.feedStalled.matchers, ...(rules.logout?.logoutControls ?? [])];
      for (const text of matchers.flatMap((m) => m.texts?.bn ?? [])) expect(text.replace(/[a-z]+\.com/g, ''), rules.service).toMatch(/^[\u0980-\u09FF\s,.।'\-—]+$/);
    }
  });

  it('carries the texts the sites really show', () => {
    const texts = (service: string) =>
      rulesForService(BUNDLED_RULE_PACK, service)!.banner.flatMap((m) => Object.values(m.texts ?? {}).flat()).map(normaliseText);
    expect(texts('x')).toContain(normaliseText('Something went wrong. Try reloading'));
    expect(texts('x')).toContain(normaliseText('কোনো একটা সমস্যা হয়েছে। পুনরায় লোড করার চেষ্টা করুন'));
    expect(texts('instagram')).toContain(normaliseText("Couldn't refresh feed"));
    expect(texts('facebook')).toContain(normaliseText('Sorry, something went wrong'));
    expect(texts('whatsapp')).toEqual(expect.arrayContaining(['computer not connected', 'trying to reach phone']));
    expect(texts('reddit')).toContain(normaliseText("Sorry, we couldn't load posts for this page"));
    expect(texts('youtube')).toContain(normaliseText('An error occurred. Please try again later'));
  });
});

describe('the pack version', () => {
  it('is the extension version plus a fingerprint of the rules: any change to a rule changes it', () => {
    expect(BUNDLED_RULE_PACK.version).toMatch(new RegExp(`^${manifest.version.replace(/\./g, '\\.')}\\+[0-9a-f]{8}$`));
    expect(rulePackVersion(BUNDLED_RULE_PACK.services)).toBe(BUNDLED_RULE_PACK.version);
    const changed = clone();
    changed.services[0]!.banner[0]!.texts = { en: ['Something went wrong. Try reloading!'] };
    expect(rulePackVersion(changed.services)).not.toBe(BUNDLED_RULE_PACK.version);
    expect(rulePackVersion(changed.services).split('+')[0]).toBe(manifest.version);
  });

  it('orders packs by release; within one release the candidate (a server operator’s fix) wins', () => {
    expect(isPackAtLeastAsNew('0.2.0+aaaaaaaa', '0.1.0+bbbbbbbb')).toBe(true);
    expect(isPackAtLeastAsNew('0.1.0+aaaaaaaa', '0.2.0+bbbbbbbb')).toBe(false);
    expect(isPackAtLeastAsNew('0.10.0+aaaaaaaa', '0.9.0+bbbbbbbb')).toBe(true);
    expect(isPackAtLeastAsNew('0.1.0+aaaaaaaa', '0.1.0+bbbbbbbb')).toBe(true);
    expect(isPackAtLeastAsNew('9999.1.1', BUNDLED_RULE_PACK.version)).toBe(true);
  });
});

describe('validateRulePack', () => {
  it('rejects a pack with a missing field and says where', () => {
    const pack = clone() as unknown as { services: Record<string, unknown>[] };
    delete pack.services[0]!.threshold;
    const result = validateRulePack(pack);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(/\/services\/0/);
  });

  it('rejects unknown fields (a pack cannot smuggle in code or regexes)', () => {
    const pack = clone() as unknown as { services: Record<string, unknown>[] };
    pack.services[0]!.script = 'alert(1)';
    expect(validateRulePack(pack).ok).toBe(false);
  });

  it('rejects rule ids that could carry page text', () => {
    const pack = clone();
    pack.services[0]!.banner[0]!.id = 'Something went wrong for @alice';
    expect(validateRulePack(pack).ok).toBe(false);
  });

  it('rejects duplicate services and duplicate rule ids within a service', () => {
    const dupService = clone();
    dupService.services.push(structuredClone(dupService.services[0]!));
    expect(validateRulePack(dupService)).toMatchObject({ ok: false, errors: [expect.stringMatching(/duplicate service x/)] });

    const dupRule = clone();
    dupRule.services[0]!.banner[1]!.id = dupRule.services[0]!.banner[0]!.id;
    expect(validateRulePack(dupRule)).toMatchObject({ ok: false, errors: [expect.stringMatching(/duplicate rule id/)] });
  });

  it('rejects non-objects, an empty pack and wrong types', () => {
    expect(validateRulePack(null).ok).toBe(false);
    expect(validateRulePack('{}').ok).toBe(false);
    expect(validateRulePack({ version: '1', services: [] }).ok).toBe(false);
    const pack = clone() as unknown as { services: { threshold: { minScore: unknown } }[] };
    pack.services[0]!.threshold.minScore = '4';
    expect(validateRulePack(pack).ok).toBe(false);
  });

  it('accepts an additive pack from a newer server only when it keeps the shape', () => {
    const pack = clone();
    pack.version = '2027.01.01-1';
    pack.services[0]!.banner.push({ id: 'x.banner.new', selectors: ['[role="alert"]'], texts: { en: ['Timeline unavailable'] } });
    expect(validateRulePack(pack)).toEqual({ ok: true, pack });
  });

  it('lists every rule id of a service', () => {
    const ids = ruleIdsOf(rulesForService(BUNDLED_RULE_PACK, 'x')!);
    expect(ids).toEqual(expect.arrayContaining(['x.banner.reload', 'x.feed.retry', 'x.feed.empty', 'x.logout.login_path', 'x.logout.control']));
  });
});
