import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findDeclaration } from '../../../../src/core/links/declarations';
import { DEMO } from '../../../support/workspace';

function at(text: string, symbol: string): string | undefined {
  const r = findDeclaration(text, symbol);
  return r && `${r.start.line + 1}:${r.start.character + 1}`;
}

describe('finding declarations by text', () => {
  it('finds the demo symbols where the language server would', () => {
    const text = readFileSync(join(DEMO, 'src/payments/stripeWebhook.ts'), 'utf8');
    assert.equal(at(text, 'toStripeAmount'), '22:17');
    assert.equal(at(text, 'handleStripeWebhook'), '30:17');
    assert.equal(at(text, 'InvalidStripeAmount'), '16:14');
    assert.equal(at(text, 'StripeEvent'), '3:18');
  });

  it('covers common languages and forms', () => {
    assert.equal(at('x = 1\n\ndef charge(amount):\n  pass\n', 'charge'), '3:5');
    assert.equal(at('package p\n\nfunc (s *Server) Charge(a int) error {\n', 'Charge'), '3:18');
    assert.equal(at('pub fn charge(a: u64) {}\n', 'charge'), '1:8');
    assert.equal(at('export const charge = async (a: number) => a;\n', 'charge'), '1:14');
    assert.equal(at('class Billing {\n  async charge(amount: number): Promise<void> {\n  }\n}\n', 'Billing.charge'), '2:9');
    assert.equal(at('public class Billing {\n  public void charge(int a) {\n', 'charge'), '2:15');
    // A Ruby class method, as the suggested links name it (QueryCache.run).
    assert.equal(at('class QueryCache\n  def self.run\n    new.call\n  end\nend\n', 'QueryCache.run'), '2:12');
  });

  it('does not match mere uses, and refuses odd names', () => {
    assert.equal(at('const y = charge(1);\n', 'charge'), undefined);
    assert.equal(at('anything', 'a.*b('), undefined);
  });
});
