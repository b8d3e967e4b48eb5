import { graphql } from '../../gql';

export const PromiseSummary = graphql(`
  fragment PromiseSummary on JobPromise {
    id
    title
    trade
    contractType
    city
    positions
    status
    startDate
    expiresAt
    company {
      id
      name
      city
    }
  }
`);

export const MatchingJobPromisesDocument = graphql(`
  query StudentMatchingJobPromises($first: Int) {
    matchingJobPromises(first: $first) {
      score
      reasons
      reasonCodes {
        key
        text
        kind
      }
      distanceKm
      outOfRadius
      jobPromise {
        ...PromiseSummary
        myApplication {
          id
          status
        }
      }
    }
  }
`);

export const SearchJobPromisesDocument = graphql(`
  query StudentSearchJobPromises(
    $filter: JobPromiseFilter
    $sort: JobPromiseSort
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    jobPromises(filter: $filter, sort: $sort, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      sort
      edges {
        cursor
        distanceKm
        node {
          ...PromiseSummary
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

export const StudentJobPromiseDocument = graphql(`
  query StudentJobPromise($id: ID!) {
    jobPromise(id: $id) {
      ...PromiseSummary
      description
      diplomaLevel
      skills
      publishedAt
      hiredCount
      company {
        id
        name
        city
      }
      myApplication {
        id
        status
        message
        createdAt
      }
    }
  }
`);

export const ApplyDocument = graphql(`
  mutation StudentApply($jobPromiseId: ID!, $message: String) {
    applyToJobPromise(jobPromiseId: $jobPromiseId, message: $message) {
      id
      status
      message
      createdAt
      jobPromise {
        id
        myApplication {
          id
          status
        }
      }
    }
  }
`);

export const MyApplicationsDocument = graphql(`
  query StudentMyApplications {
    myApplications {
      id
      status
      source
      message
      createdAt
      updatedAt
      allowedMoves
      jobPromise {
        id
        title
        city
        company {
          id
          name
        }
      }
      history {
        at
        byRole
        from
        to
        reason
      }
      conversation {
        unreadCount
      }
      ...HiringFields
    }
  }
`);

export const StudentMoveApplicationDocument = graphql(`
  mutation StudentMoveApplication($id: ID!, $to: ApplicationStatus!, $reason: String) {
    moveApplication(id: $id, to: $to, reason: $reason) {
      id
      status
      allowedMoves
      history {
        at
        byRole
        from
        to
        reason
      }
    }
  }
`);

export const MyRecommendationsDocument = graphql(`
  query StudentMyRecommendations {
    myRecommendations {
      id
      status
      note
      createdAt
      respondedAt
      school {
        id
        name
      }
      jobPromise {
        id
        title
        city
        contractType
        company {
          id
          name
        }
      }
    }
  }
`);

export const RespondToRecommendationDocument = graphql(`
  mutation StudentRespondToRecommendation($id: ID!, $accept: Boolean!) {
    respondToRecommendation(id: $id, accept: $accept) {
      id
      status
      respondedAt
    }
  }
`);

export const MyStudentProfileDocument = graphql(`
  query MyStudentProfile {
    myStudentProfile {
      ...StudentProfileFields
      school {
        id
        name
        city
      }
      cv {
        name
        url
        uploadedAt
      }
    }
  }
`);

// Saved searches (issue 14): a published promise that matches notifies the student once.
export const MyJobAlertsDocument = graphql(`
  query MyJobAlerts {
    myJobAlerts {
      id
      name
      trade
      contractType
      text
      near {
        radiusKm
      }
      createdAt
    }
  }
`);

export const CreateJobAlertDocument = graphql(`
  mutation CreateJobAlert($input: CreateJobAlertInput!) {
    createJobAlert(input: $input) {
      id
      name
    }
  }
`);

export const DeleteJobAlertDocument = graphql(`
  mutation DeleteJobAlert($id: ID!) {
    deleteJobAlert(id: $id)
  }
`);
/** Issue 16: what the student's home asks an answer for first (offers, interviews, recommendations), and whether hired. */
export const StudentToAnswerDocument = graphql(`
  query StudentToAnswer {
    myStudentProfile {
      id
      situation
    }
    myApplications {
      id
      status
      jobPromise {
        id
        title
        company {
          id
          name
        }
      }
    }
    myRecommendations {
      id
      status
      jobPromise {
        id
        title
        company {
          id
          name
        }
      }
    }
  }
`);
