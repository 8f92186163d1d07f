import { MissingPriceError, PRICES, PRICE_REGIONS, priceOf } from '../../src/cost/prices';

describe('price table', () => {
  it('has both regions, an official source page, an as-of month and how it was checked for every entry', () => {
    for (const [id, entry] of Object.entries(PRICES)) {
      for (const region of PRICE_REGIONS) expect([id, region, typeof entry[region] === 'number' && entry[region] >= 0]).toEqual([id, region, true]);
      expect([id, entry.source]).toEqual([id, expect.stringMatching(/^https:\/\/aws\.amazon\.com\/[a-z0-9/-]+\/$/)]);
      expect([id, entry.asOf]).toEqual([id, expect.stringMatching(/^20(2[5-6])-(0[1-9]|1[0-2])$/)]);
      expect([id, entry.basis]).toEqual([id, entry.checkedAgainst ? 'corroborated' : 'recalled']);
      expect([id, entry.unit.length > 0]).toEqual([id, true]);
    }
  });

  it('looks prices up by region and refuses unknown entries with the fix', () => {
    expect(priceOf('vpc.nat-gateway.hour', 'us-west-2')).toBe(0.045);
    expect(() => priceOf('nope.hour', 'us-east-1')).toThrow(MissingPriceError);
    expect(() => priceOf('nope.hour', 'us-east-1')).toThrow('no price "nope.hour" in src/cost/prices.ts; add the entry (both regions, source page, as-of month)');
  });
});
