import { cents, qty, shortQty, signedUsd, sum, unitPrice, usd } from '../../src/cost/money';
import { table } from '../../src/cost/report';

describe('money and table formatting', () => {
  it('rounds to cents half away from zero and formats dollars', () => {
    expect([cents(27.375), cents(6.1685), cents(-0.005), cents(0.1 + 0.2)]).toEqual([27.38, 6.17, -0.01, 0.3]);
    expect([usd(1234567.891), usd(0), usd(-3.5)]).toEqual(['$1,234,567.89', '$0.00', '-$3.50']);
    expect([signedUsd(41.75), signedUsd(-2.25), signedUsd(0)]).toEqual(['+$41.75', '-$2.25', '$0.00']);
    expect(sum([0.1, 0.2, 0.3])).toBe(0.6);
  });

  it('writes unit prices and quantities without float noise', () => {
    expect([unitPrice(0.0000041667), unitPrice(0.045), unitPrice(3000)]).toEqual(['$0.0000041667', '$0.045', '$3000']);
    expect([qty(2628000), qty(0.1 + 0.2), qty(2.9375)]).toEqual(['2,628,000', '0.3', '2.9375']);
    expect([shortQty(1e6), shortQty(2.5e6), shortQty(10_000), shortQty(100)]).toEqual(['1M', '2.5M', '10k', '100']);
  });

  it('pads text columns and right-aligns numbers', () => {
    expect(table(['name', 'cost'], [['a', '$1.00'], ['long name', '$10.00']], 'lr')).toBe(['name         cost', '---------  ------', 'a           $1.00', 'long name  $10.00'].join('\n'));
  });
});
