/**
 * The part of `terraform show -json <planfile>` the plan summary reads, as documented in
 * https://developer.hashicorp.com/terraform/internals/json-format ("Plan Representation" and
 * "Change Representation"). Unknown properties are ignored, as the format asks of consumers.
 */

/** One instance's planned change (`resource_changes[]`). */
export interface ResourceChange {
  /** Full address, e.g. `module.db.aws_db_instance.main[0]`. */
  readonly address: string;
  /** Address before a `moved` block took effect; only present when it changed. */
  readonly previous_address?: string;
  /** Module part of the address; absent in the root module. */
  readonly module_address?: string;
  /** `managed` for resources, `data` for data sources. */
  readonly mode: string;
  /** Resource type, e.g. `aws_db_instance`. */
  readonly type: string;
  /** Resource name, e.g. `main`. */
  readonly name: string;
  /** Set when the change applies to a deposed object (left over from a create_before_destroy). */
  readonly deposed?: string;
  /** The change itself. */
  readonly change: Change;
  /** Why Terraform chose the action, e.g. `replace_because_cannot_update`; a display hint only. */
  readonly action_reason?: string;
}

/** A `<change-representation>`. */
export interface Change {
  /** e.g. `["update"]`, `["delete","create"]`, `["create","delete"]`, `["forget"]`. */
  readonly actions: readonly string[];
  /** Object before the change (absent or null on create). */
  readonly before?: unknown;
  /** Object after the change (absent or null on delete), without values unknown until apply. */
  readonly after?: unknown;
  /** Same shape as `after`, `true` where a value is unknown until apply. */
  readonly after_unknown?: unknown;
  /** Same shape as `before`, `true` where a value is sensitive. */
  readonly before_sensitive?: unknown;
  /** Same shape as `after`, `true` where a value is sensitive. */
  readonly after_sensitive?: unknown;
  /** Paths (steps of strings and numbers) whose change forces the replacement. */
  readonly replace_paths?: readonly (readonly (string | number)[])[];
  /** Present when the resource is being imported. */
  readonly importing?: unknown;
}

/** The top level of a plan. */
export interface PlanJson {
  /** `"1.x"`; a different major version is not this format. */
  readonly format_version: string;
  /** Terraform version that wrote it. */
  readonly terraform_version?: string;
  /** Every instance's planned change; Terraform omits it when there is nothing in the config. */
  readonly resource_changes?: readonly ResourceChange[];
  /** `true` when planning failed part-way: the plan is incomplete. */
  readonly errored?: boolean;
}
