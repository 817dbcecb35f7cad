/**
 * Memory of the common RDS instance classes, for alarm defaults. Burstable (t3, t4g), general purpose
 * (m) and memory optimized (r) classes follow a regular pattern: m has 4 GiB per vCPU (8 GiB for
 * `large`, 16 per `xlarge`), r twice that, t doubles from 1 GiB (`micro`) up.
 */
const BURSTABLE = /^db\.(t3|t4g)\.(micro|small|medium|large|xlarge|2xlarge)$/;
const BURSTABLE_GIB: Record<string, number> = {
  micro: 1,
  small: 2,
  medium: 4,
  large: 8,
  xlarge: 16,
  '2xlarge': 32,
};
const SIZED = /^db\.(m|r)(5|5d|6g|6gd|6i|6id|7g|7i|8g|8gd)\.(large|(\d*)xlarge)$/;

/** GiB of memory of an instance class, or `undefined` for a class this table does not know. */
export function instanceMemoryGib(instanceClass: string): number | undefined {
  const burstable = BURSTABLE.exec(instanceClass);
  if (burstable) return BURSTABLE_GIB[burstable[2]];
  const sized = SIZED.exec(instanceClass);
  if (!sized) return undefined;
  const perXlarge = sized[1] === 'm' ? 16 : 32;
  if (sized[3] === 'large') return perXlarge / 2;
  return perXlarge * (sized[4] === '' ? 1 : Number(sized[4]));
}

/**
 * A conservative estimate of RDS's default `max_connections` for PostgreSQL,
 * `LEAST(DBInstanceClassMemory / 9531392, 5000)`. DBInstanceClassMemory is the class's memory less
 * what the OS and RDS keep (a larger share on small classes); counting 75 % of the memory keeps the
 * estimate below the real value, so an alarm derived from it can fire.
 */
export function estimatedMaxConnections(memoryGib: number): number {
  const usableBytes = memoryGib * 1024 ** 3 * 0.75;
  return Math.min(Math.floor(usableBytes / 9531392), 5000);
}
