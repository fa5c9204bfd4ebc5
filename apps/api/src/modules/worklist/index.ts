/**
 * The worklist context: what is due today for an account (home page). It only reads, through the
 * other contexts' facades and counts of its own; no other context uses it.
 */
export {};
