import { graphql } from '../../gql';

/** What the app keeps about the signed-in user; `me` and every auth payload select the same fields. */
export const SessionUser = graphql(`
  fragment SessionUser on User {
    id
    email
    role
    displayName
  }
`);

export const MeDocument = graphql(`
  query Me {
    me {
      ...SessionUser
    }
  }
`);

export const LogInDocument = graphql(`
  mutation LogIn($email: String!, $password: String!) {
    logIn(email: $email, password: $password) {
      token
      user {
        ...SessionUser
      }
    }
  }
`);
