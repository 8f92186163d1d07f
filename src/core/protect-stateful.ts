import { IAspect, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { STATEFUL_RESOURCE_TYPES } from './stateful';

/** Adds `lifecycle.prevent_destroy` to every stateful resource of a protected environment. */
export class ProtectStatefulResources implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof TerraformResource && STATEFUL_RESOURCE_TYPES.has(node.terraformResourceType)) {
      node.lifecycle = { ...(node.lifecycle ?? {}), preventDestroy: true };
    }
  }
}
