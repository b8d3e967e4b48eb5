import { graphql } from '../../gql';

export const RegisterCompanyDocument = graphql(`
  mutation RegisterCompany($input: RegisterCompanyInput!) {
    registerCompany(input: $input) {
      token
      user {
        ...SessionUser
      }
    }
  }
`);

export const AcceptInvitationDocument = graphql(`
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      token
      user {
        ...SessionUser
      }
    }
  }
`);
