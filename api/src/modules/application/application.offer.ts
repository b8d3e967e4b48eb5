import {
  assertMove,
  badUserInput,
  forbidden,
  makeOfferSchema,
  notFound,
  offerStartIssue,
  renderMessage,
} from '@promesse/shared';
import { defineUseCase } from '../../core/use-case';
import { isRecruiterOf } from '../company/company.policy';
import type { ApplicationDoc } from './application.model';
import { findApplicationById } from './application.queries';
import { commitMove } from './application.use-cases';

/**
 * "Faire une offre": a recruiter of the company makes an offer on an application at INTERVIEW (shared machine:
 * INTERVIEW -> OFFERED), with its contract type, start date, weekly hours and pay (gross monthly salary, or the
 * apprenticeship percentage of the minimum wage). The student sees it before accepting (moveApplication HIRED) or
 * declining (moveApplication WITHDRAWN); they are notified as for any move (APPLICATION_STATUS_CHANGED to OFFERED).
 */
export const makeOffer = defineUseCase({
  name: 'makeOffer',
  input: makeOfferSchema,
  inputPath: 'input',
  access: ['COMPANY_RECRUITER'],
  run: async (input, { actor, deps }): Promise<ApplicationDoc> => {
    const now = deps.clock.now();
    const current = await findApplicationById(deps, input.applicationId);
    if (!current) throw notFound('Application', input.applicationId);
    if (!isRecruiterOf(actor, current.companyId)) throw forbidden('application.partiesOnly');
    assertMove(current.status, 'OFFERED', 'COMPANY');
    const issue = offerStartIssue(input.startDate, now);
    if (issue) throw badUserInput(issue, undefined, [{ path: 'input.startDate', message: renderMessage(issue) }]);
    const offer = {
      contractType: input.contractType,
      startDate: input.startDate,
      weeklyHours: input.weeklyHours,
      ...(input.grossMonthlySalary !== undefined ? { grossMonthlySalary: input.grossMonthlySalary } : {}),
      ...(input.apprenticeshipPercent !== undefined ? { apprenticeshipPercent: input.apprenticeshipPercent } : {}),
      ...(input.message ? { message: input.message } : {}),
      madeBy: actor.userId,
      madeAt: now,
    };
    return commitMove(deps, actor, current, 'OFFERED', now, undefined, { offer });
  },
});
