import { useEffect, useId, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  acceptAttribute,
  ATTACHMENTS_PER_MESSAGE_MAX,
  FILE_RULES,
  MESSAGE_BODY_MAX,
  sendMessageSchema,
} from '@promesse/shared';
import { useI18n } from '../lib/i18n/i18n';
import { openFile, uploadFile, type UploadedFile } from '../lib/files/files.client';
import { realtime } from '../lib/socket/socket.client';
import { ActionError } from './action-error';
import { errorText } from './form-errors';
import { formValues } from './form-values';
import { TextAreaField } from './form-field';
import { formatDateTime } from './format';
import { ErrorState, LoadingState } from './states';
import { FormMessage, SubmitButton, useValidatedForm } from './use-validated-form';
import { ConversationDocument, MarkConversationReadDocument, SendMessageDocument } from './conversation.documents';

/**
 * The conversation of one application. Live: a `message:new` for this application (or a reconnection) refetches the
 * thread from the API, which stores every message, so nothing is lost while offline. Read-only for school staff.
 */
export function ConversationPanel({ applicationId }: { applicationId: string }) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const [result, reexecute] = useQuery({ query: ConversationDocument, variables: { applicationId } });
  const [, markRead] = useMutation(MarkConversationReadDocument);
  const refetch = useRef(() => reexecute({ requestPolicy: 'network-only' }));
  refetch.current = () => reexecute({ requestPolicy: 'network-only' });

  useEffect(() => {
    const offMessage = realtime.on('message:new', (m) => {
      if (m.applicationId === applicationId) refetch.current();
    });
    const offStatus = realtime.onStatus(() => {
      if (realtime.status === 'connected') refetch.current();
    });
    return () => {
      offMessage();
      offStatus();
    };
  }, [applicationId]);

  const conversation = result.data?.conversation;
  const unread = conversation?.unreadCount ?? 0;
  // Shown: mark read (the bell and lists count what is left).
  useEffect(() => {
    if (unread > 0) void markRead({ applicationId });
  }, [unread, applicationId, markRead]);

  return (
    <section className="card conversation" aria-labelledby={headingId} data-testid="conversation">
      <h2 id={headingId}>{t('conversation.title')}</h2>
      {result.error && !conversation ? (
        <ErrorState error={result.error} onRetry={refetch.current} />
      ) : !conversation ? (
        <LoadingState />
      ) : (
        <>
          {conversation.messages.length === 0 ? (
            <p>{t('conversation.empty')}</p>
          ) : (
            // A log region (new messages are announced politely); the list inside keeps its list semantics.
            <div role="log" aria-label={t('conversation.title')}>
              <ol className="conversation__list">
                {conversation.messages.map((m) => (
                  <li
                    key={m.id}
                    className={`conversation__message${m.mine ? ' conversation__message--mine' : ''}`}
                    data-testid="message"
                  >
                    <p className="conversation__meta">
                      {m.mine ? t('conversation.you') : m.authorName} · {formatDateTime(m.createdAt, locale)}
                    </p>
                    {m.body ? <p className="conversation__body">{m.body}</p> : null}
                    {m.attachments.length ? (
                      <ul className="toolbar" aria-label={t('conversation.attachments')}>
                        {m.attachments.map((a) => (
                          <li key={a.id}>
                            <FileButton url={a.url} label={t('conversation.openAttachment', { name: a.name })} />
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ol>
            </div>
          )}
          {conversation.canWrite ? (
            <MessageForm applicationId={applicationId} onSent={refetch.current} />
          ) : (
            <p className="note">{t('conversation.readOnly')}</p>
          )}
        </>
      )}
    </section>
  );
}

/** Opens a stored file (fetched with the session) in a new tab. */
export function FileButton({ url, label, className }: { url: string; label: string; className?: string }) {
  const { locale } = useI18n();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className={className ?? 'button button--ghost button--compact'}
        onClick={() => {
          setError(null);
          openFile(url).catch((e: unknown) => setError(errorText(e, locale)));
        }}
      >
        {label}
      </button>
      <ActionError text={error} />
    </>
  );
}

function MessageForm({ applicationId, onSent }: { applicationId: string; onSent: () => void }) {
  const { t, locale } = useI18n();
  const [, send] = useMutation(SendMessageDocument);
  const [attachments, setAttachments] = useState<UploadedFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const fileId = useId();
  const fileHintId = useId();
  const form = useValidatedForm(sendMessageSchema, async (input, element) => {
    const res = await send({ input: { ...input, attachmentIds: input.attachmentIds ?? null } });
    if (res.error) return res;
    element.reset();
    setAttachments([]);
    onSent();
  });

  const onFile = async (file: File | undefined, input: HTMLInputElement) => {
    if (!file) return;
    setUploadError(null);
    // The API reads the bytes; this only answers sooner for an obvious mistake.
    if (file.size > FILE_RULES.ATTACHMENT.maxBytes) {
      setUploadError(t('conversation.tooLarge', { limit: FILE_RULES.ATTACHMENT.label }));
      input.value = '';
      return;
    }
    setUploading(true);
    try {
      const uploaded = await uploadFile('ATTACHMENT', file, applicationId);
      setAttachments((list) => [...list, uploaded]);
    } catch (error) {
      setUploadError(errorText(error, locale));
    } finally {
      setUploading(false);
      input.value = '';
    }
  };

  return (
    <form
      className="form"
      {...form.props((data) => ({
        applicationId,
        body: formValues(data).optional('body'),
        attachmentIds: attachments.length ? attachments.map((a) => a.id) : undefined,
      }))}
    >
      <TextAreaField
        label={t('conversation.message')}
        name="body"
        rows={3}
        maxLength={MESSAGE_BODY_MAX}
        error={form.errors['body']}
      />
      <div className="field">
        <label htmlFor={fileId} className="field__label">
          {t('conversation.attach')}
        </label>
        <p id={fileHintId} className="field__hint">
          {t('conversation.attachHint', { limit: FILE_RULES.ATTACHMENT.label, max: ATTACHMENTS_PER_MESSAGE_MAX })}
        </p>
        <input
          id={fileId}
          type="file"
          className="field__input"
          accept={acceptAttribute('ATTACHMENT')}
          aria-describedby={fileHintId}
          disabled={uploading || attachments.length >= ATTACHMENTS_PER_MESSAGE_MAX}
          onChange={(e) => void onFile(e.currentTarget.files?.[0], e.currentTarget)}
        />
      </div>
      {uploading ? <LoadingState label={t('conversation.uploading')} /> : null}
      <ActionError text={uploadError} />
      {attachments.length ? (
        <ul className="toolbar" aria-label={t('conversation.attachments')}>
          {attachments.map((a) => (
            <li key={a.id}>
              <span>{a.name}</span>{' '}
              <button
                type="button"
                className="button button--ghost button--compact"
                onClick={() => setAttachments((list) => list.filter((x) => x.id !== a.id))}
              >
                {t('conversation.removeAttachment', { name: a.name })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <FormMessage form={form} />
      <SubmitButton form={form} label={t('conversation.send')} />
    </form>
  );
}
