import { graphql } from '../../gql';

// Every figure of a group (CONTRACT.md names, plus the suppression flag and the denominators).
graphql(`
  fragment OutcomeFiguresFields on OutcomeFigures {
    graduates
    suppressed
    examResults
    outcomesRecorded
    examSuccessRate
    positiveOutcomeRate
    employedWithinTwoMonthsRate
    continuingStudiesRate
    promisesPerGraduate {
      mean
      median
    }
    medianDaysToHire
  }
`);

graphql(`
  fragment OutcomeStatsFields on OutcomeStats {
    ...OutcomeFiguresFields
    bySchool {
      school {
        id
        name
      }
      ...OutcomeFiguresFields
    }
    byTrade {
      trade
      ...OutcomeFiguresFields
    }
    byCohort {
      cohort
      ...OutcomeFiguresFields
    }
  }
`);

/** School staff (their school) and the federation (the network, filtered). */
export const OutcomeStatsDocument = graphql(`
  query OutcomeStats($filter: OutcomeFilter) {
    outcomeStats(filter: $filter) {
      ...OutcomeStatsFields
    }
  }
`);

/** Anyone, no log-in: aggregated network figures, groups under 10 graduates suppressed. */
export const PublicOutcomeStatsDocument = graphql(`
  query PublicOutcomeStats($filter: OutcomeFilter) {
    publicOutcomeStats(filter: $filter) {
      ...OutcomeStatsFields
    }
  }
`);

/** What the federation's filters offer. */
export const OutcomeFilterOptionsDocument = graphql(`
  query OutcomeFilterOptions {
    schools {
      id
      name
      region
    }
  }
`);

graphql(`
  fragment ExitOutcomeFields on ExitOutcomeRecord {
    id
    outcome
    companyName
    contractType
    startDate
    note
    source
    recordedAt
  }
`);

/** The graduates of the staff's school, each with how they count: the list behind every number. */
export const OutcomeGraduatesDocument = graphql(`
  query OutcomeGraduates($cohort: Int) {
    outcomeGraduates(cohort: $cohort) {
      student {
        id
        displayName
        trade
        graduationDate
      }
      outcome {
        ...ExitOutcomeFields
      }
      examResult {
        diploma
        passed
      }
      ledgerEntries
      daysToHire
      positive
      continuing
      employedWithinTwoMonths
      outcomeOverdue
    }
  }
`);

export const GraduateOutcomeDocument = graphql(`
  query GraduateOutcome($id: ID!) {
    student(id: $id) {
      id
      displayName
      trade
      diplomaLevel
      graduationDate
      exitOutcome {
        ...ExitOutcomeFields
      }
      exitOutcomeHistory {
        ...ExitOutcomeFields
      }
      examResult {
        diploma
        passed
        recordedAt
      }
      promiseLedger {
        id
        source
        companyName
        date
        note
      }
    }
  }
`);

export const RecordExitOutcomeDocument = graphql(`
  mutation RecordExitOutcome($input: RecordExitOutcomeInput!) {
    recordExitOutcome(input: $input) {
      id
      exitOutcome {
        ...ExitOutcomeFields
      }
    }
  }
`);

export const RecordExamResultDocument = graphql(`
  mutation RecordExamResult($studentId: ID!, $diploma: DiplomaLevel!, $passed: Boolean!) {
    recordExamResult(studentId: $studentId, diploma: $diploma, passed: $passed) {
      id
      examResult {
        diploma
        passed
        recordedAt
      }
    }
  }
`);

export const RecordOffPlatformPromiseDocument = graphql(`
  mutation RecordOffPlatformPromise($studentId: ID!, $companyName: String!, $date: DateTime!, $note: String) {
    recordOffPlatformPromise(studentId: $studentId, companyName: $companyName, date: $date, note: $note) {
      id
      promiseLedger {
        id
        source
        companyName
        date
        note
      }
    }
  }
`);
