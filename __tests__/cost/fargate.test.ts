import { inventoryOf } from '../../scripts/cost/inventory';
import { knobsOf } from '../../scripts/cost/knobs';
import { lineItemsOf } from '../../scripts/cost/line-items';
import { HOURS_PER_MONTH, PRICES } from '../../scripts/cost/prices';
import { fargateService, group, stack } from './fixtures';

const prices = PRICES['eu-west-1'];
const servicesOf = (options: Parameters<typeof fargateService>[0]) =>
  inventoryOf(group(stack('shop-service', fargateService(options)))).fargateServices;

describe('Fargate services', () => {
  it('sizes a task from its task definition: CPU units and MiB', () => {
    const [service] = servicesOf({ cpu: '512', memory: '1024', desiredCount: 2 });
    expect(service).toEqual({
      id: 'shop-service/api_service',
      name: 'shop-api',
      vcpus: 0.5,
      memoryGb: 1,
      minTasks: 2,
      arm: false,
    });
  });

  it('counts the autoscaling floor, not the desired count, as what always runs', () => {
    const [service] = servicesOf({ cpu: '256', memory: '512', desiredCount: 5, minCapacity: 3 });
    expect(service.minTasks).toBe(3);
  });

  it('tells ARM from x86 by the runtime platform', () => {
    expect(servicesOf({ cpu: '1024', memory: '2048', architecture: 'ARM64' })[0].arm).toBe(true);
    expect(servicesOf({ cpu: '1024', memory: '2048', architecture: 'X86_64' })[0].arm).toBe(false);
  });

  it('finds Fargate through a capacity provider too', () => {
    expect(servicesOf({ cpu: '256', memory: '512', launch: 'capacity_provider', desiredCount: 1 })).toHaveLength(1); // prettier-ignore
  });

  it('prices vCPU and memory of the minimum tasks at the ARM or x86 rate', () => {
    const items = (architecture: 'ARM64' | 'X86_64') =>
      lineItemsOf(
        inventoryOf(group(stack('shop-service', fargateService({ cpu: '1024', memory: '2048', architecture, minCapacity: 2 })))), // prettier-ignore
        prices,
      ).filter((i) => i.resource.startsWith('Fargate'));
    const [armCpu, armMemory] = items('ARM64');
    expect(armCpu.monthlyUsd).toBeCloseTo(2 * 1 * prices.fargateArmVcpuHour.usd * HOURS_PER_MONTH, 6);
    expect(armMemory.monthlyUsd).toBeCloseTo(2 * 2 * prices.fargateArmGbHour.usd * HOURS_PER_MONTH, 6);
    const [x86Cpu, x86Memory] = items('X86_64');
    expect(x86Cpu.monthlyUsd).toBeCloseTo(2 * 1 * prices.fargateVcpuHour.usd * HOURS_PER_MONTH, 6);
    expect(x86Memory.monthlyUsd).toBeCloseTo(2 * 2 * prices.fargateGbHour.usd * HOURS_PER_MONTH, 6);
    expect(armCpu.monthlyUsd).toBeLessThan(x86Cpu.monthlyUsd);
  });

  it('prices one more always-running task as a knob', () => {
    const inventory = inventoryOf(group(stack('shop-service', fargateService({ cpu: '512', memory: '1024', minCapacity: 2 })))); // prettier-ignore
    const knob = knobsOf(inventory, prices).find((k) => k.change.startsWith('shop-api:'));
    expect(knob?.change).toBe('shop-api: one more task always running (min tasks 2 → 3)');
    expect(knob?.monthlyUsd).toBeCloseTo((0.5 * prices.fargateVcpuHour.usd + 1 * prices.fargateGbHour.usd) * HOURS_PER_MONTH, 9); // prettier-ignore
  });

  it('ignores services on EC2', () => {
    const resources = fargateService({ cpu: '256', memory: '512', desiredCount: 1 });
    resources.aws_ecs_service.api_service.launch_type = 'EC2';
    expect(inventoryOf(group(stack('shop-service', resources))).fargateServices).toEqual([]);
  });

  it('stops with a clear message when the task size is unknown', () => {
    const resources = fargateService({ cpu: '${var.cpu}', memory: '512', desiredCount: 1 });
    expect(() => inventoryOf(group(stack('shop-service', resources)))).toThrow(
      /shop-service\/api_service: its task definition's cpu \("\$\{var\.cpu\}"\) and memory \("512"\) must be numbers/,
    );
    const elsewhere = fargateService({ cpu: '256', memory: '512' });
    elsewhere.aws_ecs_service.api_service.task_definition = 'arn:aws:ecs:eu-west-1:1:task-definition/x:1';
    expect(() => inventoryOf(group(stack('shop-service', elsewhere)))).toThrow(
      /task_definition "arn:aws:ecs:.*" is not a task definition of the same stack/,
    );
  });
});
