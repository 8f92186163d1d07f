/**
 * Incremental verify: a stack whose plan inputs are unchanged since its last green plan is not
 * planned again. The inputs are everything a plan of the verification copy depends on: its
 * configuration, the stub states of the upstream stacks it reads (their published outputs), the
 * provider lock (versions and hashes), the Terraform version and the way verify plans. So a change
 * to a stack re-plans it, and a change to what it publishes re-plans the stacks that read it.
 *
 * One small JSON file per stack under `<workdir>/cache/`; deleting the directory is always safe.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Bump when the verification itself changes meaning (what a green record stands for). */
export const VERIFY_METHOD = 'offline-plan/2';

export interface PlanInputs {
  /** The verification copy as written for Terraform. */
  readonly configuration: string;
  /** Upstream stack name -> the stub state it reads. */
  readonly upstreamStates: Readonly<Record<string, string>>;
  /** `.terraform.lock.hcl` of the provider set the stack is initialized with. */
  readonly providerLock: string;
  readonly terraformVersion: string;
}

export interface GreenRecord {
  readonly key: string;
  readonly toAdd: number;
  /** Wall seconds of the plan that made the record. */
  readonly seconds: number;
}

export function planKey(inputs: PlanInputs): string {
  const hash = createHash('sha256');
  const part = (label: string, value: string) => hash.update(`${label}\0${value.length}\0${value}\0`);
  part('method', VERIFY_METHOD);
  part('terraform', inputs.terraformVersion);
  part('lock', inputs.providerLock);
  part('configuration', inputs.configuration);
  for (const name of Object.keys(inputs.upstreamStates).sort()) part(`upstream:${name}`, inputs.upstreamStates[name]);
  return hash.digest('hex');
}

export class VerifyCache {
  constructor(private readonly dir: string) {}

  /** The green record of a stack if it was made for exactly these inputs. */
  lookup(stack: string, key: string): GreenRecord | undefined {
    try {
      const record = JSON.parse(fs.readFileSync(this.file(stack), 'utf8')) as GreenRecord;
      return record.key === key ? record : undefined;
    } catch {
      return undefined; // missing or unreadable: plan again
    }
  }

  /** Records a green plan (written aside and renamed, so a killed run leaves no half record). */
  recordGreen(stack: string, record: GreenRecord): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = this.file(stack);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(record) + '\n');
    fs.renameSync(`${file}.tmp`, file);
  }

  /** Forgets a stack (its plan failed): the next run plans it whatever its inputs. */
  forget(stack: string): void {
    fs.rmSync(this.file(stack), { force: true });
  }

  private file(stack: string): string {
    return path.join(this.dir, `${stack}.json`);
  }
}
