import { graphql } from '../../gql';

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
        photos {
          ...CompanyPhotoFields
        }
        sites {
          name
          city
          address
        }
      }
    }
  }
`);
