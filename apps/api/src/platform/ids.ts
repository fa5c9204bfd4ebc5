import { v7 } from 'uuid';

/**
 * A time-ordered UUID (RFC 9562 version 7) for rows written in bulk: successive ids land at the
 * right edge of every index keyed by them (primary key, and the person/household foreign-key
 * indexes of rights, memberships, timeline…), instead of one random page each (ADR 0010).
 */
export const newOrderedId = (): string => v7();
