import { graphql } from '../../gql';

// Hiring on the company's side: interviews, offers, the edit history of a published promise, profile, colleagues.

export const ApplicantHiringFields = graphql(`
  fragment ApplicantHiringFields on Application {
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

export const ProposeInterviewDocument = graphql(`
  mutation CompanyProposeInterview($input: ProposeInterviewInput!) {
    proposeInterview(input: $input) {
      id
      status
      startsAt
    }
  }
`);

export const MakeOfferDocument = graphql(`
  mutation CompanyMakeOffer($input: MakeOfferInput!) {
    makeOffer(input: $input) {
      ...ApplicantHiringFields
    }
  }
`);

export const PromiseEditHistoryDocument = graphql(`
  query CompanyPromiseEditHistory($id: ID!) {
    jobPromise(id: $id) {
      id
      editHistory {
        id
        at
        byName
        notifiedCount
        changes {
          field
          before
          after
        }
      }
    }
  }
`);

export const CompanyProfileDocument = graphql(`
  query CompanyProfile {
    myCompany {
      id
      name
      presentation
      trades
      sites {
        name
        city
        address
      }
      recruiters {
        id
        displayName
        email
      }
      partnerships {
        id
        status
        school {
          id
          name
        }
      }
    }
  }
`);

export const UpdateCompanyProfileDocument = graphql(`
  mutation CompanyUpdateProfile($input: CompanyProfileInput!) {
    updateCompanyProfile(input: $input) {
      id
      presentation
      trades
      sites {
        name
        city
        address
      }
    }
  }
`);

export const InviteColleagueDocument = graphql(`
  mutation CompanyInviteColleague($email: String!) {
    inviteColleague(email: $email) {
      email
      expiresAt
    }
  }
`);

export const DraftJobPromiseDocument = graphql(`
  mutation CompanyDraftJobPromise($input: JobPromiseInput!) {
    draftJobPromise(input: $input) {
      id
    }
  }
`);
