package io.dppmint.console.api;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API's request rules: bodies of at most {@code dpp.console.max-request-body-size}
 * (default 1 MB), no control character in a path or parameter, and strict JSON: an
 * unknown field, a string or fraction where an integer belongs, or a null for a primitive
 * is an error, never silently ignored or coerced. The strictness is set on the MVC JSON
 * converter only, not on the application's shared {@code JsonMapper}, so that Spring Boot
 * Admin keeps reading other apps' actuator responses leniently.
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
			@Value("${dpp.console.max-request-body-size:1MB}") DataSize limit) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(limit.toBytes()));
		// Before security: an oversized body is refused before anything reads it.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ControlCharacterFilter> controlCharacterFilter() {
		FilterRegistrationBean<ControlCharacterFilter> registration = new FilterRegistrationBean<>(
				new ControlCharacterFilter());
		// Before security too: a value no query can take is refused before any is run.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
		return registration;
	}

	@Bean
	WebMvcConfigurer strictJson() {
		return new WebMvcConfigurer() {
			@Override
			public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
				builder.configureMessageConvertersList((converters) -> converters
					.replaceAll((converter) -> (converter instanceof JacksonJsonHttpMessageConverter json)
							? new JacksonJsonHttpMessageConverter(json.getMapper()
								.rebuild()
								.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
										DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
								.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
								.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
								.build())
							: converter));
			}
		};
	}

}
