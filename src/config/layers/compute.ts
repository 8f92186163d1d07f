import { Fail } from './fail';

/** Configuration of the compute layer (ECS services, load balancers, CI/CD identity). */
export interface ComputeLayerConfig {
  /** ECS services keyed by name. */
  readonly services: Readonly<Record<string, ServiceConfig>>;
}

export interface ServiceConfig {
  /** Fargate task CPU units (256, 512, 1024, 2048, 4096, ...). */
  readonly cpu: number;
  /** Fargate task memory in MiB. */
  readonly memory: number;
  readonly minTasks: number;
  readonly maxTasks: number;
  readonly desiredTasks: number;
}

const FARGATE_CPU = [256, 512, 1024, 2048, 4096, 8192, 16384];

export function validateComputeConfig(compute: ComputeLayerConfig, fail: Fail): void {
  for (const [name, svc] of Object.entries(compute.services ?? {})) {
    const field = `compute.services.${name}`;
    if (!FARGATE_CPU.includes(svc.cpu)) fail(`${field}.cpu`, svc.cpu, 'is not a Fargate CPU size', `use one of ${FARGATE_CPU.join(', ')}`);
    if (!(svc.memory >= svc.cpu * 2 && svc.memory <= svc.cpu * 8) || svc.memory % 512 !== 0) {
      fail(`${field}.memory`, svc.memory, `is not a Fargate memory size for cpu ${svc.cpu}`, 'use 2x to 8x the CPU units, in MiB, a multiple of 512');
    }
    if (!Number.isInteger(svc.minTasks) || svc.minTasks < 0) fail(`${field}.minTasks`, svc.minTasks, 'is not a task count', 'use 0 or more');
    if (svc.minTasks > svc.maxTasks) fail(`${field}.minTasks`, svc.minTasks, `is greater than ${field}.maxTasks (${svc.maxTasks})`, 'make minTasks <= maxTasks');
    if (svc.desiredTasks < svc.minTasks || svc.desiredTasks > svc.maxTasks) {
      fail(`${field}.desiredTasks`, svc.desiredTasks, `is outside minTasks-maxTasks (${svc.minTasks}-${svc.maxTasks})`, 'pick a desired count inside the scaling range');
    }
  }
}
