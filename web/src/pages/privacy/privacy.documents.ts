import { graphql } from '../../gql';

export const ProfileViewsDocument = graphql(`
  query ProfileViews($studentId: ID) {
    profileViews(studentId: $studentId) {
      id
      kind
      viewerName
      companyName
      firstViewedAt
      lastViewedAt
      count
    }
  }
`);

export const MatchingVisibilityDocument = graphql(`
  query MyMatchingVisibility {
    myStudentProfile {
      id
      hiddenFromMatching
    }
  }
`);

export const SetHiddenFromMatchingDocument = graphql(`
  mutation SetHiddenFromMatching($hidden: Boolean!) {
    setHiddenFromMatching(hidden: $hidden) {
      id
      hiddenFromMatching
    }
  }
`);
