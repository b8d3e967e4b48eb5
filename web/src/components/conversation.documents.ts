import { graphql } from '../gql';

// The conversation of an application, shared by the company's, the student's and the school staff's views.

export const ConversationDocument = graphql(`
  query Conversation($applicationId: ID!) {
    conversation(applicationId: $applicationId) {
      side
      canWrite
      unreadCount
      messages {
        id
        body
        authorSide
        authorName
        mine
        createdAt
        attachments {
          id
          name
          contentType
          size
          url
        }
      }
    }
  }
`);

export const SendMessageDocument = graphql(`
  mutation SendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      id
    }
  }
`);

export const MarkConversationReadDocument = graphql(`
  mutation MarkConversationRead($applicationId: ID!) {
    markConversationRead(applicationId: $applicationId) {
      unreadCount
    }
  }
`);

/** An application with what each side shows next to its conversation (contact appears once the privacy rule allows). */
export const ApplicationViewDocument = graphql(`
  query ApplicationView($id: ID!) {
    application(id: $id) {
      id
      status
      source
      message
      createdAt
      jobPromise {
        id
        title
        city
      }
      company {
        id
        name
      }
      student {
        id
        displayName
        email
        phone
        contactVisible
        cv {
          id
          name
          size
          url
        }
        school {
          id
          name
        }
      }
    }
  }
`);
