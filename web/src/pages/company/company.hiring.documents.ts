import { graphql } from '../../gql';

// Hiring on the company's side: interviews, offers, the edit history of a published promise, profile, colleagues.
// (What both sides read of interviews and offers: components/hiring.fragments.ts.)

export const CancelInterviewDocument = graphql(`
  mutation CompanyCancelInterview($id: ID!, $reason: String) {
    cancelInterview(id: $id, reason: $reason) {
      id
      status
      cancelReason
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
      ...HiringFields
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
      photos {
        ...CompanyPhotoFields
      }
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

export const AddCompanyPhotoDocument = graphql(`
  mutation CompanyAddPhoto($fileId: ID!, $alt: String!) {
    addCompanyPhoto(fileId: $fileId, alt: $alt) {
      id
      photos {
        ...CompanyPhotoFields
      }
    }
  }
`);

export const RemoveCompanyPhotoDocument = graphql(`
  mutation CompanyRemovePhoto($fileId: ID!) {
    removeCompanyPhoto(fileId: $fileId) {
      id
      photos {
        ...CompanyPhotoFields
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
