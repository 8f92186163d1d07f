/**
 * The app entry the benchmark runs. With BENCH_FULL_SIZE=1 it synthesizes a MODEL of the full size:
 * bidops' blueprint and configuration under all four system names (4 systems x 3 envs x 5 layers =
 * 60 stacks), until the other systems' real blueprints exist; the bench says so in its output.
 * Otherwise it synthesizes exactly what main.ts does.
 */
import { synthesize } from '../src/app/synthesize';
import { SystemBlueprint } from '../src/core/blueprint';
import { EnvironmentConfig } from '../src/config/types';
import { SYSTEMS } from '../src/core/names';
import { BLUEPRINTS } from '../stacks';

/** The four product systems as bidops-shaped copies; real blueprints replace them as they land. */
export function fullSizeModel(): SystemBlueprint[] {
  const template = BLUEPRINTS.find((b) => b.name === 'bidops')!;
  return SYSTEMS.map((system) => {
    const real = BLUEPRINTS.find((b) => b.name === system);
    if (real) return real;
    const environments: Record<string, EnvironmentConfig> = {};
    for (const [env, config] of Object.entries(template.environments)) {
      // The copies share bidops' accounts, where bidops owns the OpenSearch service-linked role.
      const search = config!.data?.search && { ...config!.data.search, createServiceLinkedRole: false };
      environments[env] = { ...config!, system, data: config!.data && { ...config!.data, search }, edge: config!.edge && { ...config!.edge, domainName: `${env}.${system}.example.com` } };
    }
    return { ...template, name: system, environments };
  });
}

if (require.main === module) {
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  synthesize(process.env, outdir, process.env.BENCH_FULL_SIZE === '1' ? fullSizeModel() : BLUEPRINTS);
}
