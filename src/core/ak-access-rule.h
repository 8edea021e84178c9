/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One access rule of an application credential: the one kind of request
 * (method and path of one service) the credential may make. A credential
 * with no rules may make any request its roles allow. */
typedef struct _AkAccessRule AkAccessRule;

struct _AkAccessRule
{
  char *id;       /* the server's ID of the rule; rules are reused by it */
  char *service;  /* the service type, such as "compute" */
  char *method;   /* "GET", "POST", … */
  char *path;     /* such as "/v2.1/servers" */
};

#define AK_TYPE_ACCESS_RULE (ak_access_rule_get_type ())
GType         ak_access_rule_get_type (void) G_GNUC_CONST;

AkAccessRule *ak_access_rule_new      (const char   *id,
                                       const char   *service,
                                       const char   *method,
                                       const char   *path);
AkAccessRule *ak_access_rule_copy     (const AkAccessRule *self);
void          ak_access_rule_free     (AkAccessRule *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AkAccessRule, ak_access_rule_free)

G_END_DECLS
