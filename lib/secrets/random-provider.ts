import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformProvider, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

/**
 * The `random` provider of the stack `scope` is in: the existing one, or a new one (id `random`)
 * when the stack has none. It takes no configuration, so a construct that generates values can
 * bring it along instead of asking every stack to remember it. A stack that wants its own must
 * create it before the first construct that calls this.
 */
export function ensureRandomProvider(scope: Construct): TerraformProvider {
  const stack = TerraformStack.of(scope);
  const existing = stack.node
    .findAll()
    .find(
      (c): c is TerraformProvider =>
        TerraformProvider.isTerraformProvider(c) && c.terraformResourceType === RandomProvider.tfResourceType,
    );
  return existing ?? new RandomProvider(stack, 'random');
}
