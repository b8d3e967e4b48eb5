import { graphql } from '../../gql';

export const StudentHiringFields = graphql(`
  fragment StudentHiringFields on Application {
    id
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

export const RespondToInterviewDocument = graphql(`
  mutation StudentRespondToInterview($id: ID!, $accept: Boolean!, $message: String) {
    respondToInterview(id: $id, accept: $accept, message: $message) {
      id
      status
      responseMessage
    }
  }
`);

export const PromiseCompanyProfileDocument = graphql(`
  query StudentPromiseCompanyProfile($id: ID!) {
    jobPromise(id: $id) {
      id
      company {
        id
        name
        presentation
        trades
        sites {
          name
          city
          address
        }
      }
    }
  }
`);
