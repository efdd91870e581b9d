// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  fillTemplate,
  mailBody,
  mailFooter,
  smsBody,
  sendTargets,
  unknownPlaceholders,
} from './message-templates';

const shop = {
  shopName: '呉服 やまもと',
  shopAddress: '京都市中京区寺町通 7-8',
  optOut: '配信停止は「停止」とご返信ください。',
};

describe('message templates', () => {
  it('fill in the customer’s name and the shop’s name', () => {
    expect(
      fillTemplate('{name}様、{shop}です。先日はありがとうございました。', {
        name: '田中 花子',
        shop: 'やまもと',
      }),
    ).toBe('田中 花子様、やまもとです。先日はありがとうございました。');
  });

  it('accept the forgiving spellings an owner may type', () => {
    const values = { name: 'Hanako', shop: 'Yamamoto' };
    expect(fillTemplate('Dear {{name}}, from { shop }', values)).toBe('Dear Hanako, from Yamamoto');
    expect(fillTemplate('｛お名前｝様　｛店名｝', values)).toBe('Hanako様　Yamamoto');
    expect(unknownPlaceholders('Dear {{name}}, from { shop } ｛店名｝')).toEqual([]);
  });

  it('flag placeholders the app does not know, and braces left open', () => {
    expect(unknownPlaceholders('Dear {nickname}, 10% off with {coupon}!')).toEqual([
      '{nickname}',
      '{coupon}',
    ]);
    expect(unknownPlaceholders('Dear {name')).toEqual(['{']);
    expect(unknownPlaceholders('Empty {} here')).toEqual(['{}']);
    expect(unknownPlaceholders('No placeholders at all')).toEqual([]);
  });

  it('leave an unknown placeholder visible rather than silently dropping it', () => {
    expect(fillTemplate('Hi {nickname}', { name: 'A', shop: 'B' })).toBe('Hi {nickname}');
  });
});

describe('mail for the anti-spam email law', () => {
  it('ends with the shop’s name, address and how to stop receiving messages', () => {
    const body = mailBody('ありがとうございました。\n', shop);
    expect(body).toBe(
      'ありがとうございました。\n\n--\n呉服 やまもと\n京都市中京区寺町通 7-8\n配信停止は「停止」とご返信ください。',
    );
  });

  it('leaves out an address that was never entered rather than printing an empty line', () => {
    expect(mailFooter({ ...shop, shopAddress: ' ' })).toBe(
      '--\n呉服 やまもと\n配信停止は「停止」とご返信ください。',
    );
  });
});

describe('SMS, which the anti-spam law covers too', () => {
  it('ends with the shop’s name and how to stop receiving messages, without the address', () => {
    expect(smsBody('ありがとうございました。\n', shop)).toBe(
      'ありがとうございました。\n\n呉服 やまもと\n配信停止は「停止」とご返信ください。',
    );
  });

  it('reaches the phone with that ending', () => {
    const [target] = sendTargets(
      { phones: ['+819012345678'], email: '', consented: new Set(['sms']) },
      'またのお越しをお待ちしております。',
      { subject: '', shop },
    );
    const body = decodeURIComponent(target!.href.split('?body=')[1]!);
    expect(body.endsWith('配信停止は「停止」とご返信ください。')).toBe(true);
  });
});

describe('ways to send', () => {
  const message = '田中様、ありがとうございました & また来てね';
  const mail = { subject: 'やまもとより', shop };
  const hanako = {
    phones: ['+81312345678', '+819012345678'],
    email: 'hana@example.jp',
  };

  it('open only the channels the customer agreed to', () => {
    expect(sendTargets({ ...hanako, consented: new Set() }, message, mail)).toEqual([]);
    const targets = sendTargets({ ...hanako, consented: new Set(['line']) }, message, mail);
    expect(targets).toEqual([
      { channel: 'line', href: `https://line.me/R/share?text=${encodeURIComponent(message)}` },
    ]);
  });

  it('sends SMS to the mobile number and calls the first number', () => {
    const targets = sendTargets({ ...hanako, consented: new Set(['sms', 'phone']) }, message, mail);
    expect(targets.map((t) => t.channel)).toEqual(['sms', 'phone']);
    expect(targets[0]!.href).toBe(`sms:+819012345678?body=${encodeURIComponent(smsBody(message, shop))}`);
    expect(targets[1]!.href).toBe('tel:+81312345678');
  });

  it('offers no SMS to a landline and no mail without an address, even with consent', () => {
    const targets = sendTargets(
      { phones: ['+81312345678'], email: '', consented: new Set(['sms', 'mail']) },
      message,
      mail,
    );
    expect(targets).toEqual([]);
  });

  it('writes mail with a subject and the legal footer', () => {
    const [target] = sendTargets({ ...hanako, consented: new Set(['mail']) }, message, mail);
    const url = new URL(target!.href);
    expect(url.protocol).toBe('mailto:');
    expect(url.pathname).toBe('hana@example.jp');
    const params = new URLSearchParams(url.search);
    expect(params.get('subject')).toBe('やまもとより');
    expect(params.get('body')).toBe(mailBody(message, shop));
    // mailto wants %20 for spaces, never "+".
    expect(target!.href).not.toContain('+');
  });
});
