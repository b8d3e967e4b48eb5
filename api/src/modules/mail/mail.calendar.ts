import { createEvent } from 'ics';

// The calendar invitation (.ics, RFC 5545) attached to interview messages, written by the `ics` library from the
// parameters stored in the outbox: same UID for every message about one interview, SEQUENCE raised on each new time,
// so calendars update the event instead of adding a second one.

export interface InterviewMailParams {
  kind: 'confirmed' | 'reminder' | 'cancelled';
  interviewId: string;
  sequence: number;
  jobPromiseId: string;
  title: string;
  companyName: string;
  studentName: string;
  /** ISO instant. */
  startsAt: string;
  durationMinutes: number;
  place?: string;
  videoUrl?: string;
  message?: string;
  organizer: { name: string; email: string };
  attendees: { name: string; email: string }[];
}

export function interviewUid(interviewId: string): string {
  return `interview-${interviewId}@promesse`;
}

/** REQUEST adds or updates the event; CANCEL (same UID, higher SEQUENCE) removes it from the calendars. */
export function interviewCalendarMethod(p: Pick<InterviewMailParams, 'kind'>): 'REQUEST' | 'CANCEL' {
  return p.kind === 'cancelled' ? 'CANCEL' : 'REQUEST';
}

export function interviewCalendar(p: InterviewMailParams, text: { summary: string; description: string }): string {
  const cancelled = p.kind === 'cancelled';
  const { error, value } = createEvent({
    productId: 'promesse/interview',
    method: interviewCalendarMethod(p),
    uid: interviewUid(p.interviewId),
    sequence: p.sequence,
    start: new Date(p.startsAt).getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: p.durationMinutes },
    title: text.summary,
    description: text.description,
    ...(p.place ? { location: p.place } : p.videoUrl ? { location: p.videoUrl } : {}),
    ...(p.videoUrl ? { url: p.videoUrl } : {}),
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    organizer: p.organizer,
    attendees: p.attendees.map((a) => ({ ...a, rsvp: false, partstat: 'ACCEPTED', role: 'REQ-PARTICIPANT' })),
    ...(cancelled
      ? {}
      : { alarms: [{ action: 'display', description: text.summary, trigger: { hours: 24, before: true } }] }),
  });
  if (error || !value) throw error ?? new Error('calendar invitation not written');
  return value;
}
