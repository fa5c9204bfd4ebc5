import { v7 } from 'uuid';

/**
 * A time-ordered UUID (RFC 9562 version 7) for rows written in bulk: successive ids land at the
 * right edge of every index keyed by them (primary key, and the person/household foreign-key
 * indexes of rights, memberships, timeline…), instead of one random page each (ADR 0010).
 */
export const newOrderedId = (): string => v7();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Whether a value has the shape PostgreSQL's uuid type accepts (checked before it reaches SQL). */
export const isUuid = (value: string): boolean => UUID.test(value);
