/** What the messaging module needs from an SMS provider. */
export interface SmsSender {
  /** Hands the SMS to the provider; resolves with the provider's message id, rejects on any failure. */
  send(sms: OutgoingSms): Promise<{ providerMessageId: string }>;
}

export interface OutgoingSms {
  /** E.164 (+33612345678). */
  to: string;
  text: string;
  /** Our message id, echoed back by providers that support it. */
  reference: string;
}
