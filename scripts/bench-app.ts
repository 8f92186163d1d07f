/**
 * The app entry the benchmark runs at full size: with BENCH_FULL_SIZE=1 it synthesizes bidops'
 * configuration under all four system names (4 systems x 3 envs x 5 layers = 60 stacks), the size
 * the project grows to, so speed targets are measured now rather than extrapolated. Otherwise it
 * synthesizes exactly what main.ts does.
 */
import { synthesize } from '../src/app/synthesize';
import { SYSTEM_DEFINITIONS } from '../src/config/systems';
import { EnvironmentConfig, SystemDefinition } from '../src/config/types';
import { SYSTEMS, SystemName } from '../src/core/names';

function fullSize(): Partial<Record<SystemName, SystemDefinition>> {
  const template = SYSTEM_DEFINITIONS.bidops!;
  const definitions: Partial<Record<SystemName, SystemDefinition>> = {};
  for (const system of SYSTEMS) {
    const environments: Record<string, EnvironmentConfig> = {};
    for (const [env, config] of Object.entries(template.environments)) {
      environments[env] = { ...config!, system, edge: config!.edge && { ...config!.edge, domainName: `${env}.${system}.example.com` } };
    }
    definitions[system] = { ...template, name: system, environments };
  }
  return definitions;
}

const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
synthesize(process.env, outdir, process.env.BENCH_FULL_SIZE === '1' ? fullSize() : SYSTEM_DEFINITIONS);
