import type { Config } from '../../../../platform/config';
import { FileSmsSender } from './file-sms-sender';
import { HttpSmsSender } from './http-sms-sender';
import type { SmsSender } from './sms-sender';

export type { OutgoingSms, SmsSender } from './sms-sender';

/** Where delivery reports are posted back (the public callback route). */
export function smsCallbackUrl(config: Config): string {
  const base =
    config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  return `${base.replace(/\/$/, '')}/api/messaging/callbacks/sms`;
}

/** The HTTP provider when configured, else files under the data directory (embedded demo). */
export function createSmsSender(config: Config): SmsSender {
  if (config.smsProviderUrl && config.smsProviderToken) {
    return new HttpSmsSender({
      url: config.smsProviderUrl,
      token: config.smsProviderToken,
      sender: config.smsSender,
      callbackUrl: smsCallbackUrl(config),
    });
  }
  return new FileSmsSender({ dataDir: config.dataDir, sender: config.smsSender });
}
