import { graphql } from '../../gql';

export const CompanyPromiseFields = graphql(`
  fragment CompanyPromiseFields on JobPromise {
    id
    title
    description
    trade
    contractType
    diplomaLevel
    positions
    skills
    city
    location {
      lat
      lng
    }
    startDate
    expiresAt
    status
    publishedAt
    closedAt
    applicationCount
    hiredCount
    schools {
      id
      name
      city
    }
  }
`);

export const CompanyPromisesDocument = graphql(`
  query CompanyPromises($first: Int, $after: String) {
    jobPromises(first: $first, after: $after) {
      edges {
        node {
          ...CompanyPromiseFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CompanyPromiseDocument = graphql(`
  query CompanyPromise($id: ID!) {
    jobPromise(id: $id) {
      ...CompanyPromiseFields
      applications {
        id
        status
        source
        message
        createdAt
        allowedMoves
        student {
          id
          displayName
          trade
          diplomaLevel
          city
          skills
          school {
            id
            name
          }
          contactVisible
          email
          phone
          cv {
            name
            url
          }
        }
        conversation {
          unreadCount
        }
        recommendation {
          id
          note
        }
        ...HiringFields
      }
      recommendations {
        id
        status
        note
        createdAt
        school {
          id
          name
        }
        student {
          id
          displayName
          trade
          diplomaLevel
          skills
        }
      }
    }
  }
`);

export const CreateJobPromiseDocument = graphql(`
  mutation CompanyCreateJobPromise($input: JobPromiseInput!) {
    createJobPromise(input: $input) {
      ...CompanyPromiseFields
    }
  }
`);

export const UpdateJobPromiseDocument = graphql(`
  mutation CompanyUpdateJobPromise($input: UpdateJobPromiseInput!) {
    updateJobPromise(input: $input) {
      ...CompanyPromiseFields
    }
  }
`);

export const PublishJobPromiseDocument = graphql(`
  mutation CompanyPublishJobPromise($id: ID!) {
    publishJobPromise(id: $id) {
      ...CompanyPromiseFields
    }
  }
`);

export const CloseJobPromiseDocument = graphql(`
  mutation CompanyCloseJobPromise($id: ID!) {
    closeJobPromise(id: $id) {
      ...CompanyPromiseFields
    }
  }
`);

export const CompanyMoveApplicationDocument = graphql(`
  mutation CompanyMoveApplication($id: ID!, $to: ApplicationStatus!, $reason: String) {
    moveApplication(id: $id, to: $to, reason: $reason) {
      id
      status
      allowedMoves
    }
  }
`);

export const MatchingGraduatesDocument = graphql(`
  query CompanyMatchingGraduates($jobPromiseId: ID!, $first: Int) {
    matchingGraduates(jobPromiseId: $jobPromiseId, first: $first) {
      score
      reasons
      outOfRadius
      distanceBand
      student {
        id
        displayName
        trade
        diplomaLevel
        availableFrom
        skills
        school {
          id
          name
        }
      }
    }
  }
`);

export const CompanyPartnershipsDocument = graphql(`
  query CompanyPartnerships {
    schools {
      id
      name
      city
      trades
    }
    partnerships {
      id
      status
      requestedAt
      decidedAt
      school {
        id
      }
    }
  }
`);

export const RequestPartnershipDocument = graphql(`
  mutation CompanyRequestPartnership($schoolId: ID!) {
    requestPartnership(schoolId: $schoolId) {
      id
      status
      requestedAt
      decidedAt
      school {
        id
      }
    }
  }
`);

export const PartnerSchoolsDocument = graphql(`
  query CompanyPartnerSchools {
    partnerships(status: APPROVED) {
      id
      school {
        id
        name
        city
      }
    }
  }
`);
