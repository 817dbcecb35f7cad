/** CPU units of a Fargate task: 1024 units are one vCPU. */
export type FargateCpu = 256 | 512 | 1024 | 2048 | 4096 | 8192 | 16384;

/** `fromMiB`, `fromMiB + stepMiB`, … up to `toMiB`. */
function steps(fromMiB: number, toMiB: number, stepMiB: number): readonly number[] {
  return Array.from({ length: (toMiB - fromMiB) / stepMiB + 1 }, (_, i) => fromMiB + i * stepMiB);
}

/**
 * The task sizes Fargate accepts on Linux: CPU units -> every memory size in MiB. Source: Amazon ECS
 * Developer Guide, "Troubleshoot Amazon ECS task definition invalid CPU or memory errors"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html); the
 * RegisterTaskDefinition API reference (`memory`) lists the same table. 8 and 16 vCPU need platform
 * version 1.4.0 or later, which `LATEST` is. Any other pair fails at apply time with "No Fargate
 * configuration exists for given values".
 */
export const FARGATE_MEMORY_MIB: Readonly<Record<FargateCpu, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: steps(1024, 4096, 1024),
  1024: steps(2048, 8192, 1024),
  2048: steps(4096, 16384, 1024),
  4096: steps(8192, 30720, 1024),
  8192: steps(16384, 61440, 4096),
  16384: steps(32768, 122880, 8192),
};

/** The CPU values Fargate accepts, smallest first. */
export const FARGATE_CPU_VALUES: readonly FargateCpu[] = [256, 512, 1024, 2048, 4096, 8192, 16384];

/** Whether `cpu` is a Fargate CPU value. */
export function isFargateCpu(cpu: number): cpu is FargateCpu {
  return (FARGATE_CPU_VALUES as readonly number[]).includes(cpu);
}

/** Why Fargate would refuse `cpu` with `memoryMiB` (naming the values it accepts), or `undefined`. */
export function fargateSizeViolation(cpu: number, memoryMiB: number): string | undefined {
  if (!isFargateCpu(cpu)) {
    return `cpu: ${cpu} is not a Fargate CPU value; use one of ${FARGATE_CPU_VALUES.join(', ')} (1024 = 1 vCPU)`;
  }
  const options = FARGATE_MEMORY_MIB[cpu];
  if (options.includes(memoryMiB)) return undefined;
  return `memoryMiB: ${memoryMiB} does not go with cpu ${cpu} on Fargate; use one of ${describe(options)}`;
}

/** Short lists in full; long ones as their first values, the step and the last (e.g. `16384, 20480, 24576, … 61440 (steps of 4096)`). */
function describe(options: readonly number[]): string {
  if (options.length <= 8) return options.join(', ');
  return `${options.slice(0, 3).join(', ')}, … ${options[options.length - 1]} (steps of ${options[1] - options[0]})`;
}
