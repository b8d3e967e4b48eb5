import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { useI18n } from '../lib/i18n/i18n';

/** An invitation's link, a button copying it, and its QR code (to scan from a phone in class). */
export function InvitationLink({ code, email }: { code: string; email: string }) {
  const { t } = useI18n();
  const link = `${window.location.origin}/invitation/${code}`;
  const [qr, setQr] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    let live = true;
    void QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => {
      if (live) setQr(`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`);
    });
    return () => {
      live = false;
    };
  }, [link]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="invitation-link" data-testid="invitation-link">
      <p>
        {t('school.inviteLink')} <code className="break">{link}</code>
      </p>
      <p className="toolbar">
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          {t('invitation.copy')}
        </button>
        <span role="status" aria-live="polite">
          {copied ? t('invitation.copied') : ''}
        </span>
      </p>
      {qr ? (
        <img className="invitation-link__qr" src={qr} alt={t('invitation.qrAlt', { email })} width={160} height={160} />
      ) : null}
    </div>
  );
}
