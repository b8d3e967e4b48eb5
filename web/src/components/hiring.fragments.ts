import { graphql } from '../gql';

// What both sides of hiring read of an application (its interviews and its offer): one fragment, used by the
// company's applicant cards and the student's applications alike, drawn by hiring-summary.tsx.

export const HiringFields = graphql(`
  fragment HiringFields on Application {
    id
    status
    allowedMoves
    interviews {
      id
      status
      startsAt
      durationMinutes
      place
      videoUrl
      message
      responseMessage
      cancelReason
    }
    offer {
      contractType
      startDate
      weeklyHours
      grossMonthlySalary
      apprenticeshipPercent
      message
    }
  }
`);

/** A workshop photo as the company's profile page and the students' promise pages show it. */
export const CompanyPhotoFields = graphql(`
  fragment CompanyPhotoFields on CompanyPhoto {
    id
    url
    alt
  }
`);
