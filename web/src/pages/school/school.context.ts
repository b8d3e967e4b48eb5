import { useQuery } from 'urql';
import { graphql } from '../../gql';

const MySchoolDocument = graphql(`
  query MySchool {
    me {
      id
      school {
        id
        name
        city
        trades
      }
    }
  }
`);

/** The staff member's school (every school page is scoped to it). */
export function useMySchool() {
  const [result, reexecute] = useQuery({ query: MySchoolDocument });
  return { school: result.data?.me?.school ?? null, fetching: result.fetching, error: result.error, reexecute };
}
