// Every module's model file, imported for its defineModel() side effect so connectDatabase() can build all
// indexes before the server accepts requests. Add one line per new module.
import './auth/auth.model';
import './auth/auth.invitation.model';
import './auth/auth.password-reset.model';
import './auth/auth.throttle';
import './auth/auth.session.model';
import './school/school.model';
import './company/company.model';
import './student/student.model';
import './notification/notification.model';
import './job-promise/job-promise.model';
import './application/application.model';
import './recommendation/recommendation.model';
import './outcome/outcome.model';
import './matching/matching.model';
import './mail/mail.model';
import './conversation/conversation.model';
import '../db/meta.model';
import './auth/auth.registration.model';
import './interview/interview.model';
import './job-promise/job-promise.edit.model';
import './job-alert/job-alert.model';
import './matching/matching.throttle';
import './access-log/access-log.model';
import './retention/retention.model';
