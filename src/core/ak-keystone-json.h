/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ak-directory-entry.h"
#include "ak-key.h"
#include "ak-secret.h"

G_BEGIN_DECLS

/* Pure functions between Keystone v3 JSON bodies and our types. They do no
 * I/O, keep no state and never log a body, so they are tested on recorded
 * fixtures and fuzzed. Every parser takes the raw bytes of a body, which may
 * be anything at all, and either returns a value or sets an AK_ERROR_PROTOCOL
 * error. Secrets found in a list response are dropped here.
 *
 * What each parser requires, and why, is written at the top of
 * ak-keystone-json.c. In short: a body is refused whole (AK_ERROR_PROTOCOL)
 * rather than shown half understood; but in a list of keys, an entry that
 * cannot be read safely is left out and reported as an AkUnreadableEntry,
 * and the other entries are kept. */

/* Limits on what the parsers accept. Keystone's own bodies stay far below
 * them: its deepest nesting is 6, its IDs are 32 or 64 characters. */
#define AK_KEYSTONE_JSON_MAX_DEPTH          64
#define AK_KEYSTONE_JSON_MAX_BODY_SIZE      (64 * 1024 * 1024)
#define AK_KEYSTONE_JSON_MAX_ID_LENGTH      1024
#define AK_KEYSTONE_JSON_MAX_DETAIL_LENGTH  500

/* What a token says about who signed in. */
typedef struct
{
  char       *user_id;
  char       *user_name;
  char       *user_domain_id;
  char       *project_id;
  char       *project_name;
  char       *project_domain_id;
  char       *application_credential_id;
  gboolean    application_credential_unrestricted; /* may manage other ones */
  GDateTime  *expires_at;
  GStrv       roles;              /* never NULL; empty when unscoped */
  gboolean    is_admin;           /* has the role "admin" (any case) */
} AkKeystoneToken;

void             ak_keystone_token_free  (AkKeystoneToken  *token);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AkKeystoneToken, ak_keystone_token_free)

/* Where a list that comes in pages goes on. Keystone 27 gives /v3/users and
 * /v3/projects so, at most 1,000 entries a page (its max_db_limit), when
 * asked with a "limit"; without one it cuts the list there unsaid. */
typedef struct
{
  /* The "marker" of links.next, to ask for the next page with; %NULL on the
   * last page. */
  char       *next_marker;
  /* The server says it left entries out ("truncated": true). */
  gboolean    truncated;
} AkKeystonePage;

void             ak_keystone_page_clear  (AkKeystonePage   *page);

AkKeystoneToken *ak_keystone_json_parse_token    (GBytes      *body,
                                                  GError     **error);
GPtrArray       *ak_keystone_json_parse_ec2_list (GBytes      *body,
                                                  GPtrArray  **unreadable,
                                                  GError     **error);
GPtrArray       *ak_keystone_json_parse_credential_list
                                                 (GBytes      *body,
                                                  GPtrArray  **unreadable,
                                                  GError     **error);
GPtrArray       *ak_keystone_json_parse_application_credential_list
                                                 (GBytes      *body,
                                                  GPtrArray  **unreadable,
                                                  GError     **error);
AkKey           *ak_keystone_json_parse_ec2_created
                                                 (GBytes      *body,
                                                  AkSecret   **secret,
                                                  GError     **error);
AkKey           *ak_keystone_json_parse_application_credential_created
                                                 (GBytes      *body,
                                                  AkSecret   **secret,
                                                  GError     **error);
AkKey           *ak_keystone_json_parse_ec2      (GBytes      *body,
                                                  AkSecret   **secret,
                                                  GError     **error);
AkKey           *ak_keystone_json_parse_application_credential
                                                 (GBytes      *body,
                                                  GError     **error);
AkKey           *ak_keystone_json_parse_credential_created
                                                 (GBytes      *body,
                                                  GError     **error);
GHashTable      *ak_keystone_json_parse_names    (GBytes      *body,
                                                  const char  *collection,
                                                  AkKeystonePage *page,
                                                  GError     **error);
GHashTable      *ak_keystone_json_parse_users    (GBytes      *body,
                                                  GHashTable **disabled,
                                                  AkKeystonePage *page,
                                                  GError     **error);
GHashTable      *ak_keystone_json_parse_role_assignments
                                                 (GBytes      *body,
                                                  GError     **error);
char            *ak_keystone_role_key            (const char  *user_id,
                                                  const char  *project_id);
AkDirectoryEntry *ak_keystone_json_parse_directory_entry
                                                 (GBytes      *body,
                                                  AkDirectoryKind kind,
                                                  GError     **error);
GError          *ak_keystone_json_parse_error    (guint        status,
                                                  GBytes      *body);
gboolean         ak_keystone_json_is_sign_in_answer
                                                 (GBytes      *body);

AkSecret        *ak_keystone_json_build_password_auth
                                                 (const char  *user_name,
                                                  const char  *user_domain,
                                                  AkSecret    *password,
                                                  const char  *project_name,
                                                  const char  *project_domain);
AkSecret        *ak_keystone_json_build_application_credential_auth
                                                 (const char  *id,
                                                  AkSecret    *secret);
GBytes          *ak_keystone_json_build_ec2_create
                                                 (const char  *project_id);
AkSecret        *ak_keystone_json_build_ec2_restore
                                                 (const char  *user_id,
                                                  const char  *project_id,
                                                  const char  *access,
                                                  AkSecret    *secret);
GBytes          *ak_keystone_json_build_application_credential_create
                                                 (const char  *name,
                                                  const char  *description,
                                                  GDateTime   *expires_at);
GBytes          *ak_keystone_json_build_application_credential_create_like
                                                 (const char  *name,
                                                  const char  *description,
                                                  GDateTime   *expires_at,
                                                  AkKey       *like);

G_END_DECLS
