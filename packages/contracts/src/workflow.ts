import { hasPermission, type Permission, type Role } from './roles';

/**
 * A status lifecycle as a table: for each target status, the statuses it may be reached from and
 * who may move it there. The server refuses with it, the web shows only the allowed actions, and a
 * generated test walks it.
 */
export type WorkflowActor = Role | 'system';

/** Method syntax: a workflow of some statuses still reads as a `Workflow<string>` (a generic walk). */
type RefusalOf<S extends string> = { message(from: S): string }['message'];

export interface TransitionRule<S extends string> {
  readonly from: readonly S[];
  /** Agents whose role has this permission may; `system` (jobs, provider callbacks) is listed in `roles`. */
  readonly permission?: Permission;
  readonly roles?: readonly WorkflowActor[];
  /** French refusal when the current status does not allow it (per source status when they differ). */
  readonly refused: string | RefusalOf<S>;
}

export interface Workflow<S extends string = string> {
  readonly name: string;
  readonly statuses: readonly S[];
  readonly transitions: { readonly [T in S]?: TransitionRule<S> };
}

export const defineWorkflow = <const S extends string>(workflow: Workflow<S>): Workflow<S> => workflow;

/** Whether this actor may move anything to the rule's target (status aside). */
export function mayMove<S extends string>(rule: TransitionRule<S>, actor: WorkflowActor): boolean {
  if (rule.roles?.includes(actor)) return true;
  return actor !== 'system' && rule.permission !== undefined && hasPermission(actor, rule.permission);
}

export type TransitionRefusal = { kind: 'forbidden' | 'conflict'; message: string };

/** Why the table refuses `from → to` whatever the actor (no rule, or not from this status). */
export function statusRefusal<S extends string>(workflow: Workflow<S>, from: S, to: S): string | null {
  const rule = workflow.transitions[to];
  if (!rule) return `Statut cible inconnu : ${to}.`;
  if (rule.from.includes(from)) return null;
  return typeof rule.refused === 'string' ? rule.refused : rule.refused(from);
}

/** Why `from → to` is refused for this actor, or null when the table allows it. */
export function transitionRefusal<S extends string>(
  workflow: Workflow<S>,
  from: S,
  to: S,
  actor: WorkflowActor,
): TransitionRefusal | null {
  const rule = workflow.transitions[to];
  if (rule && !mayMove(rule, actor)) {
    return { kind: 'forbidden', message: "Vous n'avez pas les droits nécessaires pour cette action." };
  }
  const refused = statusRefusal(workflow, from, to);
  return refused ? { kind: 'conflict', message: refused } : null;
}

/** The statuses this actor may move a record to from `from` (the actions a screen offers). */
export function allowedTargets<S extends string>(workflow: Workflow<S>, from: S, actor: WorkflowActor): S[] {
  return workflow.statuses.filter((to) => transitionRefusal(workflow, from, to, actor) === null);
}
