/** A one-time pairing code, as text to type and as a QR code that opens this app with it filled in. */
import { toString as qrSvg } from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n';
import type { PairingCode } from '../../sync/pairing';

export function PairingCodePanel({ pairing }: { pairing: PairingCode }) {
  const { t, i18n } = useTranslation();
  const [qr, setQr] = useState<string>();
  useEffect(() => {
    let current = true;
    // SVG rather than a canvas PNG: sharp at any size, and drawn without a canvas.
    void qrSvg(pairing.url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => {
      if (current) setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      current = false;
    };
  }, [pairing.url]);
  const until = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(pairing.expiresAt);
  return (
    <div className="pairing">
      <div className="pairing__code">
        <span className="field__label">{t('sync.pairingCode')}</span>
        <output className="pairing__value" aria-label={t('sync.pairingCode')}>
          {pairing.code}
        </output>
        <p className="field__hint">{t('sync.codeHint', { time: until })}</p>
      </div>
      {qr && <img className="pairing__qr" src={qr} width={200} height={200} alt={t('sync.qrAlt')} />}
    </div>
  );
}
